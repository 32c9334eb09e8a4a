using System.Globalization;
using Countersign.Core.Organisation;
using Countersign.Core.Provenance;

namespace Countersign.Core.Reporting;

/// <summary>
/// Aggregates <see cref="CommitSummaryRow"/>s into a <see cref="ScanSummary"/>. Every table is complete (a reader
/// that shows fewer rows says so); authors are people, as <c>git check-mailmap</c> resolves them.
/// </summary>
public static class ScanSummaryBuilder
{
    /// <param name="repository">The repository's path.</param>
    /// <param name="repositoryKind">Normal, bare, shallow or partial.</param>
    /// <param name="rows">The selected commits.</param>
    /// <param name="newlyScanned">Commits this scan classified.</param>
    /// <param name="diagnostics">Malformed records seen.</param>
    /// <param name="mailmap">The repository's .mailmap: identities it maps to one person count as one author.</param>
    public static ScanSummary Build(
        string repository,
        string repositoryKind,
        IReadOnlyCollection<CommitSummaryRow> rows,
        int newlyScanned,
        long diagnostics,
        Mailmap? mailmap = null)
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

        var authors = Authors(authored, mailmap ?? Mailmap.Empty);

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

    /// <summary>
    /// One row per person: identities grouped by their canonical e-mail (case-insensitively, as git compares them),
    /// named by their canonical name, or the name most of their commits carry. Most commits first.
    /// </summary>
    private static List<AuthorRow> Authors(List<CommitSummaryRow> authored, Mailmap mailmap) => authored
        .Select(r => (Identity: mailmap.Map(r.AuthorName, r.AuthorEmail), Row: r))
        .GroupBy(x => x.Identity.Email, StringComparer.OrdinalIgnoreCase)
        .Select(g => new AuthorRow(
            g.GroupBy(x => x.Identity.Name, StringComparer.Ordinal).OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key,
            g.First().Identity.Email,
            Count(g.Select(x => x.Row)),
            g.SelectMany(x => x.Row.Tools).GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(t => t.Count()).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key).ToList()))
        .OrderByDescending(a => a.Counts.Commits)
        .ThenBy(a => a.Email, StringComparer.Ordinal)
        .ToList();

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
