using Countersign.Git;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// A change as it landed on a branch: a merge commit (its branch side against the first parent) or a direct or
/// squashed commit (against its parent). <see cref="Commit"/> is the commit on the branch.
/// </summary>
internal sealed record LandedChange(string Commit, string Base, string Head, bool IsMerge)
{
    /// <summary>The changes between <paramref name="from"/> (exclusive; null for the whole history) and <paramref name="to"/>, oldest first; root commits are left out.</summary>
    public static IReadOnlyList<LandedChange> Between(GitRepository repository, string? from, string to) =>
        repository.FirstParentHistory(from, to)
            .Where(c => c.Parents.Count > 0)
            .Select(c => c.Parents.Count > 1 ? new LandedChange(c.Sha, c.Parents[0], c.Parents[1], true) : new LandedChange(c.Sha, c.Parents[0], c.Sha, false))
            .Reverse()
            .ToList();
}
