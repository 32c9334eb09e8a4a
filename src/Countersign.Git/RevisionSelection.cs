namespace Countersign.Git;

/// <summary>
/// Which commits to walk: explicit revisions or ranges (<c>main</c>, <c>v1.0..HEAD</c>), or all refs,
/// optionally only commits newer than <see cref="Since"/>. Defaults to <c>HEAD</c>.
/// </summary>
public sealed record RevisionSelection(IReadOnlyList<string> Revisions, bool AllRefs = false, DateTimeOffset? Since = null)
{
    public static readonly RevisionSelection Head = new(["HEAD"]);

    internal IEnumerable<string> ToArguments()
    {
        if (Since is { } since)
        {
            yield return $"--since={since.ToUnixTimeSeconds()}";
        }

        if (AllRefs)
        {
            // Every ref except notes: notes commits are metadata, not history.
            yield return "--exclude=refs/notes/*";
            yield return "--all";
        }

        foreach (var revision in Revisions)
        {
            yield return revision;
        }
    }
}
