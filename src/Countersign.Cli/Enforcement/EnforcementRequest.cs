namespace Countersign.Cli.Enforcement;

/// <summary>What the user asked about: which change, in which repository, under which policy and store.</summary>
internal sealed record EnforcementRequest(
    string Repo,
    string Base,
    string Head,
    string? ChangeKey,
    string? TargetBranch,
    string? SourceBranch,
    IReadOnlyList<string> Labels,
    string? Title,
    string? PolicyPath,
    string? DbPath);
