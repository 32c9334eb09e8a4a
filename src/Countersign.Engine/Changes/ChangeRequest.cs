namespace Countersign.Engine.Changes;

/// <summary>
/// Which change to describe: the commits of <see cref="HeadRevision"/> not in <see cref="BaseRevision"/>, compared
/// from their merge base, filed under <see cref="Key"/>. Branches, title and labels come from the platform when
/// there is one (untrusted; they are bounded). Configuration is read from <see cref="TrustRevision"/>, by default the
/// base: the branch the change goes into, as it is now.
/// </summary>
/// <param name="BaseRevision">What the change goes into (<c>main</c>, <c>origin/main</c>).</param>
/// <param name="HeadRevision">The change's tip.</param>
/// <param name="Key">Stable key of the change (<c>pr/123</c>, a branch name).</param>
public sealed record ChangeRequest(string BaseRevision, string HeadRevision, string Key)
{
    public string? TargetBranch { get; init; }

    public string? SourceBranch { get; init; }

    /// <summary>The pull request's title; null to use the first commit's subject.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The pull or merge request's description (untrusted): its checked disclosure checkboxes are change-level evidence.</summary>
    public string? Description { get; init; }

    /// <summary>Where the organisation directory, .mailmap, signatures, catalog and CODEOWNERS are read; null for <see cref="BaseRevision"/>.</summary>
    public string? TrustRevision { get; init; }

    /// <summary>Extra Agent Trace files or folders (as <c>scan --agent-trace</c>).</summary>
    public IReadOnlyList<string> AgentTracePaths { get; init; } = [];
}
