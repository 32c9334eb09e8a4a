namespace Countersign.Contracts;

/// <summary>
/// Asks the server to build a change of a registered repository itself (<c>POST /api/v1/changes</c> with no facts):
/// it fetches its mirror, builds the commits of <see cref="Head"/> not in <see cref="Base"/>, and reads the policy,
/// directory and other trusted files from the target branch's tip in its mirror — never from the client.
/// </summary>
/// <param name="Repository">A registered repository's name.</param>
/// <param name="Key">The change's key (<c>pr/123</c>, a branch name).</param>
/// <param name="Base">What the change goes into: a branch (<c>main</c>) or a commit on the target branch.</param>
/// <param name="Head">The change's tip: a branch or a commit the mirror has.</param>
public sealed record ChangeBuildRequest(string Repository, string Key, string Base, string Head)
{
    /// <summary>The branch the change goes into; required when <see cref="Base"/> is a commit rather than a branch.</summary>
    public string? TargetBranch { get; init; }

    /// <summary>The change's branch, as the platform names it (untrusted; shown and matched, never trusted).</summary>
    public string? SourceBranch { get; init; }

    /// <summary>The pull request's title; null for the first commit's subject.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The pull request's description (untrusted): its checked disclosure checkboxes are change-level provenance evidence.</summary>
    public string? Description { get; init; }
}
