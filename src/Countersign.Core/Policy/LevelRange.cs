using Countersign.Core.Organisation;

namespace Countersign.Core.Policy;

/// <summary>
/// A set of seniority levels: <c>at_least</c>/<c>at_most</c> inclusive, <c>above</c>/<c>below</c> exclusive, or an explicit
/// list (<c>is</c>). Level names are checked against the org directory when the policy is compiled. A person with no
/// known level is in no range: missing data never grants seniority — and never proves juniority either, see
/// <see cref="MatchesUnknown"/>.
/// </summary>
public sealed record LevelRange(string? AtLeast = null, string? AtMost = null, string? Above = null, string? Below = null, IReadOnlyList<string>? Is = null)
{
    /// <summary>
    /// True for ranges that only bound from above (<c>below</c>, <c>at_most</c>): a condition "author below senior"
    /// treats an unknown level as matching, so an unlisted author cannot dodge a rule meant for juniors (fail closed).
    /// </summary>
    public bool MatchesUnknown => AtLeast is null && Above is null && Is is null && (Below is not null || AtMost is not null);

    public bool Contains(OrgDirectory org, string? level)
    {
        if (level is null || org.RankOf(level) is not { } rank)
        {
            return MatchesUnknown;
        }

        // A bound the directory does not know (a policy compiled against another directory) matches nothing.
        return (AtLeast is null || (org.RankOf(AtLeast) is { } least && rank >= least)) &&
               (AtMost is null || (org.RankOf(AtMost) is { } most && rank <= most)) &&
               (Above is null || (org.RankOf(Above) is { } above && rank > above)) &&
               (Below is null || (org.RankOf(Below) is { } below && rank < below)) &&
               (Is is null || Is.Contains(level, StringComparer.Ordinal));
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Is is { Count: > 0 }) parts.Add(string.Join(" or ", Is));
        if (AtLeast is not null) parts.Add($"{AtLeast} or above");
        if (Above is not null) parts.Add($"above {Above}");
        if (AtMost is not null) parts.Add($"{AtMost} or below");
        if (Below is not null) parts.Add($"below {Below}");
        return parts.Count == 0 ? "any level" : string.Join(" and ", parts);
    }
}
