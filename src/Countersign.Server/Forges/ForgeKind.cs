namespace Countersign.Server.Forges;

/// <summary>The code hosts Countersign lives in: where changes are reviewed and merged, and webhooks come from.</summary>
public enum ForgeKind
{
    GitHub,
    GitLab,
}
