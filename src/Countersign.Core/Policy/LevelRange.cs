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

        return (AtLeast is null || rank >= Rank(org, AtLeast)) && (AtMost is null || rank <= Rank(org, AtMost)) &&
               (Above is null || rank > Rank(org, Above)) && (Below is null || rank < Rank(org, Below)) &&
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

    /// <summary>Unknown names (a policy compiled against another directory) rank beyond every level, so they match nothing.</summary>
    private static int Rank(OrgDirectory org, string level) => org.RankOf(level) ?? int.MaxValue / 2;
}
