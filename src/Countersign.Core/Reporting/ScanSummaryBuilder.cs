using System.Globalization;
using Countersign.Core.Provenance;

namespace Countersign.Core.Reporting;

/// <summary>Aggregates <see cref="CommitSummaryRow"/>s into a <see cref="ScanSummary"/>.</summary>
public static class ScanSummaryBuilder
{
    public static ScanSummary Build(
        string repository,
        string repositoryKind,
        IReadOnlyCollection<CommitSummaryRow> rows,
        int newlyScanned,
        long diagnostics,
        int maxAuthors = 15)
    {
        var authored = rows.Where(r => !r.IsMerge).ToList();
        var tools = authored
            .SelectMany(r => r.Tools.Select(t => (Tool: t, Row: r)))
            .GroupBy(x => x.Tool, StringComparer.Ordinal)
            .Select(g => new ToolRow(
                g.Key,
                g.Count(),
                g.Count(x => x.Row.Status == ProvenanceStatus.Ai),
                g.Count(x => x.Row.Status == ProvenanceStatus.AiSuggested),
                authored.Count == 0 ? 0 : (double)g.Count() / authored.Count,
                g.Min(x => x.Row.AuthorTime),
                g.Max(x => x.Row.AuthorTime)))
            .OrderByDescending(t => t.Commits)
            .ThenBy(t => t.Tool, StringComparer.Ordinal)
            .ToList();

        var months = authored
            .GroupBy(r => r.AuthorTime.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MonthRow(g.Key, Count(g)))
            .ToList();

        var authors = authored
            .GroupBy(r => r.AuthorEmail.ToLowerInvariant())
            .Select(g => new AuthorRow(
                g.GroupBy(r => r.AuthorName).OrderByDescending(n => n.Count()).First().Key,
                g.First().AuthorEmail,
                Count(g),
                g.SelectMany(r => r.Tools).GroupBy(t => t).OrderByDescending(t => t.Count()).Select(t => t.Key).ToList()))
            .OrderByDescending(a => a.Counts.Commits)
            .ThenBy(a => a.Email, StringComparer.Ordinal)
            .Take(maxAuthors)
            .ToList();

        var attributed = authored.Where(r => r.AiLines is not null).ToList();
        var lines = attributed.Count == 0
            ? null
            : new LineTotals(attributed.Sum(r => r.AiLines ?? 0), attributed.Sum(r => r.HumanLines ?? 0), attributed.Sum(r => r.UnknownLines ?? 0), attributed.Count);

        return new ScanSummary(
            repository,
            repositoryKind,
            rows.Count,
            rows.Count - authored.Count,
            newlyScanned,
            rows.Count(r => r.Unreadable),
            diagnostics,
            Count(authored),
            lines,
            tools,
            months,
            authors);
    }

    private static StatusCounts Count(IEnumerable<CommitSummaryRow> rows)
    {
        int total = 0, ai = 0, suggested = 0, human = 0, unknown = 0;
        foreach (var r in rows)
        {
            total++;
            switch (r.Status)
            {
                case ProvenanceStatus.Ai: ai++; break;
                case ProvenanceStatus.AiSuggested: suggested++; break;
                case ProvenanceStatus.HumanDeclared: human++; break;
                default: unknown++; break;
            }
        }

        return new StatusCounts(total, ai, suggested, human, unknown);
    }
}
