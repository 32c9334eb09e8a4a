namespace Countersign.Server.Forges;

/// <summary>
/// How forge things are named in Countersign, the same for every host that uses them: change keys, audit actors, and
/// the credential reference a repository registered from a forge event is fetched with (resolved by the forge's
/// API helpers: <c>github-app:INSTALLATION</c> by the GitHub App's installation tokens, <c>env:COUNTERSIGN_GITLAB_TOKEN</c>
/// by the environment).
/// </summary>
public static class ForgeConventions
{
    /// <summary>The variable that holds the GitLab access token the server fetches and calls GitLab with.</summary>
    public const string GitLabTokenVariable = "COUNTERSIGN_GITLAB_TOKEN";

    /// <summary>The prefix of a GitHub App installation's credential reference (<c>github-app:12345</c>).</summary>
    public const string GitHubAppCredentialPrefix = "github-app:";

    /// <summary>The key a request's change is filed under: <c>pull/12</c> on GitHub, <c>merge_requests/12</c> on GitLab (as their refs name them).</summary>
    /// <param name="forge">The forge.</param>
    /// <param name="number">The request's number (GitLab: iid).</param>
    public static string ChangeKey(ForgeKind forge, int number) =>
        forge == ForgeKind.GitHub ? $"pull/{number}" : $"merge_requests/{number}";

    /// <summary>The key a merge queue's group is filed under: <c>merge_group/</c> and the group's branch (without <c>refs/heads/</c>).</summary>
    /// <param name="headRef">The group's head ref (<c>refs/heads/gh-readonly-queue/main/pr-12-…</c>).</param>
    public static string MergeGroupKey(string headRef) =>
        "merge_group/" + (headRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? headRef["refs/heads/".Length..] : headRef);

    /// <summary>The audit actor of what a forge's event did: <c>github</c>, <c>gitlab</c>.</summary>
    /// <param name="forge">The forge.</param>
    public static string Actor(ForgeKind forge) => forge == ForgeKind.GitHub ? "github" : "gitlab";

    /// <summary>The audit actor of a review given on a forge: <c>github:LOGIN</c>, <c>gitlab:USERNAME</c>.</summary>
    /// <param name="forge">The forge.</param>
    /// <param name="login">The reviewer's login (bounded and neutralised here).</param>
    public static string ReviewerActor(ForgeKind forge, string login) =>
        $"{Actor(forge)}:{Countersign.Core.Text.UntrustedText.Bound(login, 100)}";

    /// <summary>
    /// The credential reference a repository registered from a forge event is fetched with: none for a <c>file://</c>
    /// URL (read without one), the installation's token on GitHub, <c>env:COUNTERSIGN_GITLAB_TOKEN</c> on GitLab.
    /// </summary>
    /// <param name="forge">The forge.</param>
    /// <param name="repository">The repository as the event describes it.</param>
    public static string? Credential(ForgeKind forge, ForgeRepository repository) =>
        repository.CloneUrl.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? null
        : forge == ForgeKind.GitHub ? repository.Installation is { } installation ? $"{GitHubAppCredentialPrefix}{installation}" : null
        : $"env:{GitLabTokenVariable}";
}
