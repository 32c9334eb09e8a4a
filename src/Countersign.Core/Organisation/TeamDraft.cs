namespace Countersign.Core.Organisation;

/// <summary>A team as written in YAML, before its parent is checked.</summary>
internal sealed record TeamDraft(Located Id, Located? Name, Located? Parent);
