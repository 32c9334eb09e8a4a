namespace Countersign.Core.Policy.Backtesting;

/// <summary>
/// Labels replayed changes with what later history did to them: a change is bad when a later commit reverts one of its
/// commits (the landing merge included) or names one in a <c>Fixes:</c> trailer. A revert or fix inside the same change
/// does not count — the mistake never landed. Prefixes resolve only when they name exactly one replayed commit.
/// </summary>
public static class OutcomeLabeler
{
    public const int MinPrefixLength = 7;

    /// <summary>
    /// Returns <paramref name="changes"/> with <see cref="BacktestChange.BadBecause"/> set. <paramref name="laterCommits"/>
    /// are the commits (sha, full message) that may name them: those reachable from the replayed branch.
    /// </summary>
    public static IReadOnlyList<BacktestChange> Label(IReadOnlyList<BacktestChange> changes, IEnumerable<(string Sha, string Message)> laterCommits)
    {
        var changeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            foreach (var commit in changes[i].Commits)
            {
                changeOf.TryAdd(commit.ToLowerInvariant(), i);
            }
        }

        var sorted = changeOf.Keys.Order(StringComparer.Ordinal).ToArray();
        var links = new List<OutcomeLink>?[changes.Count];
        foreach (var (by, message) in laterCommits)
        {
            var from = changeOf.TryGetValue(by.ToLowerInvariant(), out var own) ? own : -1;
            foreach (var (kind, reference) in DefectReferences.Find(message))
            {
                if (Resolve(sorted, reference) is not { } named || changeOf[named] == from)
                {
                    continue;
                }

                var target = changeOf[named];

                var list = links[target] ??= [];
                if (!list.Exists(l => l.Kind == kind && l.Commit == named && l.By == by))
                {
                    list.Add(new OutcomeLink(kind, named, by));
                }
            }
        }

        return changes.Select((c, i) => links[i] is { } found ? c with { BadBecause = found } : c).ToList();
    }

    /// <summary>The one sha in <paramref name="sorted"/> starting with <paramref name="prefix"/>, or null (none, ambiguous, too short).</summary>
    private static string? Resolve(string[] sorted, string prefix)
    {
        if (prefix.Length < MinPrefixLength)
        {
            return null;
        }

        var index = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        var first = index >= 0 ? index : ~index;
        if (first >= sorted.Length || !sorted[first].StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return first + 1 < sorted.Length && sorted[first + 1].StartsWith(prefix, StringComparison.Ordinal) ? null : sorted[first];
    }
}
