using Countersign.Git;

namespace Countersign.Engine.Changes;

/// <summary>The branch names a policy's <c>source_branch</c> and <c>target_branch</c> see, worked out from the revisions a user gave.</summary>
public static class BranchNames
{
    /// <summary>The branch a revision names (<c>feature/x</c> for <c>feature/x</c> or <c>refs/heads/feature/x</c>), or null for a sha or <c>HEAD</c> on a detached head.</summary>
    public static string? Source(GitRepository repository, string revision) =>
        repository.FullRefName(revision) is { } name && name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : null;

    /// <summary>The target branch name: the branch <paramref name="revision"/> names, without a remote prefix (<c>origin/main</c> → <c>main</c>).</summary>
    public static string? Target(GitRepository repository, string revision)
    {
        var name = repository.FullRefName(revision);
        if (name is null)
        {
            return null;
        }

        if (name.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return name["refs/heads/".Length..];
        }

        const string remotes = "refs/remotes/";
        var rest = name.StartsWith(remotes, StringComparison.Ordinal) ? name[remotes.Length..] : null;
        return rest is not null && rest.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? rest[(slash + 1)..] : null;
    }
}
