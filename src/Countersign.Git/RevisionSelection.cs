namespace Countersign.Git;

/// <summary>
/// Which commits to walk: explicit revisions or ranges (<c>main</c>, <c>v1.0..HEAD</c>), or all refs,
/// optionally only commits newer than <see cref="Since"/>. Defaults to <c>HEAD</c>.
/// </summary>
public sealed record RevisionSelection(IReadOnlyList<string> Revisions, bool AllRefs = false, DateTimeOffset? Since = null)
{
    public static readonly RevisionSelection Head = new(["HEAD"]);

    private static readonly DateTimeOffset GitEpoch = DateTimeOffset.UnixEpoch.AddDays(1);

    internal IEnumerable<string> ToArguments()
    {
        // git reads small Unix timestamps as other kinds of date (--since=86400 selects nothing), so the instant goes
        // as an ISO date; one before git's epoch takes the whole history.
        if (Since is { } since && since > GitEpoch)
        {
            yield return "--since=" + since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);
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
