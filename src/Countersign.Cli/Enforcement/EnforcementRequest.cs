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
    string? DbPath)
{
    /// <summary>The server to use instead of the local store (<c>--server</c>), or null.</summary>
    public Remote.RemoteServer? Remote { get; init; }

    /// <summary>The repository's name on the server (<c>--repository-name</c>); null: from CI or the origin remote.</summary>
    public string? RepositoryName { get; init; }
}
