using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// A change as it landed on a branch: a merge commit (its branch side against the first parent) or a direct or
/// squashed commit (against its parent). <see cref="Commit"/> is the commit on the branch.
/// </summary>
public sealed record LandedChange(string Commit, string Base, string Head, bool IsMerge)
{
    /// <summary>The changes between <paramref name="from"/> (exclusive; null for the whole history) and <paramref name="to"/>, oldest first; root commits are left out.</summary>
    public static IReadOnlyList<LandedChange> Between(GitRepository repository, string? from, string to) =>
        repository.FirstParentHistory(from, to)
            .Where(c => c.Parents.Count > 0)
            .Select(c => Of(c.Sha, c.Parents))
            .Reverse()
            .ToList();

    /// <summary>
    /// The change a commit on the first-parent line landed: for a merge, its second parent's side against the first
    /// parent (the branch's commits, not main's); otherwise the commit against its parent. Octopus merges keep only
    /// the second parent's side.
    /// </summary>
    /// <exception cref="ArgumentException">A root commit (no parents) landed no change.</exception>
    public static LandedChange Of(string sha, IReadOnlyList<string> parents) => parents.Count switch
    {
        0 => throw new ArgumentException($"{sha} is a root commit: it landed no change", nameof(parents)),
        1 => new LandedChange(sha, parents[0], sha, false),
        _ => new LandedChange(sha, parents[0], parents[1], true),
    };
}
