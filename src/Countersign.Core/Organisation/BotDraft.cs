namespace Countersign.Core.Organisation;

/// <summary>A bot as written in YAML (its pattern already validated), with positions for cross-checks against people.</summary>
internal sealed record BotDraft(BotIdentity Bot, Located? Email, Located? GitHub, Located? GitLab);
