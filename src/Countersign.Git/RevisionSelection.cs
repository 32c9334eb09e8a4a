namespace Countersign.Git;

/// <summary>
/// Which commits to walk: explicit revisions or ranges (<c>main</c>, <c>v1.0..HEAD</c>), or all refs,
/// optionally only commits newer than <see cref="Since"/>. Defaults to <c>HEAD</c>.
/// </summary>
public sealed record RevisionSelection(IReadOnlyList<string> Revisions, bool AllRefs = false, DateTimeOffset? Since = null)
{
    public static readonly RevisionSelection Head = new(["HEAD"]);

    private static readonly DateTimeOffset GitEpoch = DateTimeOffset.UnixEpoch.AddDays(1);

    /// <summary>The last instant git's date parser reads: a later --since is silently ignored by git (it takes everything).</summary>
    private static readonly DateTimeOffset GitLastDate = new(2099, 12, 31, 23, 59, 59, TimeSpan.Zero);

    internal IEnumerable<string> ToArguments()
    {
        // git reads small Unix timestamps as other kinds of date (--since=86400 selects nothing), so the instant goes
        // as an ISO date; one before git's epoch takes the whole history, and one after git's last readable date is
        // clamped to it (git would ignore it and take everything).
        if (Since is { } given && given > GitEpoch)
        {
            var since = given > GitLastDate ? GitLastDate : given;
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
