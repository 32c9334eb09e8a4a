using System.Globalization;
using System.Text.Json;
using Countersign.Core.Organisation;
using Countersign.Data;

namespace Countersign.Server.Dashboard;

/// <summary>
/// The organisation view's numbers, from the server's own records: AI-assisted share of changes per week by tool and
/// by team (weeks of the head commit), sign-off latency (a revision's registration to each sign-off), reviewer load
/// (sign-offs given and changes waiting per person), and policy compliance (changes by status, break-glass count).
/// </summary>
public sealed record OrgStats(
    IReadOnlyList<string> Weeks,
    IReadOnlyDictionary<string, IReadOnlyList<double>> AiShareByTool,
    IReadOnlyDictionary<string, IReadOnlyList<double>> AiShareByTeam,
    IReadOnlyList<int> ChangesPerWeek,
    IReadOnlyList<(string Person, int Given, int Waiting)> ReviewerLoad,
    IReadOnlyList<double> LatencyHours,
    IReadOnlyDictionary<string, int> ByStatus,
    int BreakGlass,
    int Changes)
{
    /// <summary>The most recent changes the view counts.</summary>
    public const int MaxChanges = 20_000;

    /// <summary>The view's numbers over the last <paramref name="weeks"/> weeks of <paramref name="activity"/>.</summary>
    public static OrgStats From(OrgActivity activity, OrgDirectory org, int weeks)
    {
        var rows = activity.Changes;
        var dated = rows.Where(r => r.LandedAt is not null).Select(r => (When: Db.ParseTime(r.LandedAt!), r.Provenance, Tools: JsonSerializer.Deserialize<List<string>>(r.Tools) ?? [], r.AuthorTeam)).ToList();
        var end = dated.Count == 0 ? DateTimeOffset.UtcNow : dated.Max(d => d.When);
        var start = StartOfWeek(end).AddDays(-7 * (weeks - 1));
        var labels = Enumerable.Range(0, weeks).Select(i => start.AddDays(7 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        int Week(DateTimeOffset when) => (int)Math.Floor((when - start).TotalDays / 7);
        var inRange = dated.Where(d => Week(d.When) is >= 0 and var w && w < weeks).ToList();
        var perWeek = labels.Select((_, i) => inRange.Count(d => Week(d.When) == i)).ToList();

        Dictionary<string, IReadOnlyList<double>> ShareBy(Func<(DateTimeOffset When, string Provenance, List<string> Tools, string? AuthorTeam), IEnumerable<string>> keys) =>
            inRange.SelectMany(d => keys(d)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToDictionary(
                key => key,
                key => (IReadOnlyList<double>)labels.Select((_, i) => perWeek[i] == 0 ? 0
                    : Math.Round(100.0 * inRange.Count(d => Week(d.When) == i && d.Provenance == "ai" && keys(d).Contains(key)) / perWeek[i], 1)).ToList(),
                StringComparer.Ordinal);

        var byTool = ShareBy(d => d.Provenance == "ai" ? d.Tools : []);
        var byTeam = ShareBy(d => d.AuthorTeam is { } team ? [org.FindTeam(team)?.Name ?? team] : []);

        var given = activity.Given.ToDictionary(g => g.Person, g => g.Count, StringComparer.Ordinal);
        var waiting = activity.Waiting.ToDictionary(g => g.Person, g => g.Count, StringComparer.Ordinal);
        var load = given.Keys.Union(waiting.Keys, StringComparer.Ordinal)
            .Select(p => (Person: org.FindPerson(p)?.Name ?? p, Given: given.GetValueOrDefault(p), Waiting: waiting.GetValueOrDefault(p)))
            .OrderByDescending(l => l.Given + l.Waiting).Take(20).ToList();

        var latencies = activity.Approvals
            .Select(l => Math.Max(0, (Db.ParseTime(l.SignedAt) - Db.ParseTime(l.RegisteredAt)).TotalHours)).Order().ToList();
        var byStatus = rows.GroupBy(r => r.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new OrgStats(labels, byTool, byTeam, perWeek, load, latencies, byStatus, activity.BreakGlass, rows.Count);
    }

    /// <summary>Median and 90th percentile of the sign-off latency, in hours; null without sign-offs.</summary>
    public (double Median, double P90)? Latency => LatencyHours.Count == 0 ? null
        : (LatencyHours[LatencyHours.Count / 2], LatencyHours[Math.Min(LatencyHours.Count - 1, (int)Math.Ceiling(LatencyHours.Count * 0.9) - 1)]);

    /// <summary>The charts' data for the page's script.</summary>
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        weeks = Weeks,
        byTool = AiShareByTool,
        byTeam = AiShareByTeam,
        perWeek = ChangesPerWeek,
        load = new { people = ReviewerLoad.Select(l => l.Person), given = ReviewerLoad.Select(l => l.Given), waiting = ReviewerLoad.Select(l => l.Waiting) },
        status = ByStatus,
        latency = new
        {
            buckets = LatencyBuckets.Select(b => b.Label),
            counts = LatencyBuckets.Select(b => LatencyHours.Count(h => h >= b.From && h < b.To)),
        },
    });

    private static readonly (string Label, double From, double To)[] LatencyBuckets =
    [
        ("< 1 h", 0, 1), ("1–4 h", 1, 4), ("4–24 h", 4, 24), ("1–3 d", 24, 72), ("3–7 d", 72, 168), ("> 7 d", 168, double.MaxValue),
    ];

    private static DateTimeOffset StartOfWeek(DateTimeOffset when)
    {
        var day = new DateTimeOffset(when.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
