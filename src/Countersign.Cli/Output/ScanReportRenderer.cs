using System.Globalization;
using Countersign.Core.Reporting;
using Spectre.Console;

namespace Countersign.Cli.Output;

/// <summary>
/// Renders a <see cref="ScanSummary"/> as terminal tables that fit 80 columns. Untrusted text (names, paths, tool
/// names) is neutralised. A table that shows fewer rows than the summary holds says how many it left out.
/// </summary>
internal static class ScanReportRenderer
{
    public const int MonthsShown = 24;

    public const int AuthorsShown = 15;

    public static void Render(IAnsiConsole console, ScanSummary summary)
    {
        var o = summary.Overall;
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("[bold]Repository[/]", UntrustedMarkup.Escape(summary.Repository, 60));
        header.AddRow("[bold]Kind[/]", UntrustedMarkup.Escape(summary.RepositoryKind));
        header.AddRow("[bold]Commits[/]", $"{summary.Commits:N0} ({summary.Merges:N0} merges, {summary.NewlyScanned:N0} newly scanned)");
        if (summary.Timing is { } t && summary.NewlyScanned > 0)
        {
            header.AddRow("[bold]Scan time[/]", $"{t.Seconds:N1} s ({t.CommitsPerSecond:N0} commits/s)");
        }

        if (summary.Unreadable > 0)
        {
            header.AddRow("[bold yellow]Incomplete[/]", $"{summary.Unreadable:N0} commits could not be read fully (objects missing)");
        }

        if (summary.Diagnostics > 0)
        {
            header.AddRow("[bold yellow]Diagnostics[/]", $"{summary.Diagnostics:N0} malformed note or trace records (skipped)");
        }

        console.Write(new Panel(header).Header("Countersign scan").Expand());

        var overall = new Table().Title("[bold]AI share[/] (non-merge commits)").Border(TableBorder.Rounded)
            .AddColumn("Status").AddColumn(new TableColumn("Commits").RightAligned()).AddColumn(new TableColumn("Share").RightAligned()).AddColumn("");
        AddStatus(overall, "[red]ai[/]", o.Ai, o.Commits);
        AddStatus(overall, "[yellow]ai-suggested[/]", o.AiSuggested, o.Commits);
        AddStatus(overall, "[green]human-declared[/]", o.HumanDeclared, o.Commits);
        AddStatus(overall, "[grey]unknown[/]", o.Unknown, o.Commits);
        console.Write(overall);
        if (summary.Lines is { } lines)
        {
            var total = lines.AiLines + lines.HumanLines + lines.UnknownLines;
            console.MarkupLine(CultureInfo.InvariantCulture,
                "Lines ({0:N0} commits with notes/traces): {1:N0} AI, {2:N0} human, {3:N0} unknown ({4:P0} AI)",
                lines.CommitsWithAttribution, lines.AiLines, lines.HumanLines, lines.UnknownLines, total == 0 ? 0 : (double)lines.AiLines / total);
        }

        if (summary.ByTool.Count > 0)
        {
            var tools = new Table().Title("[bold]By tool[/]").Border(TableBorder.Rounded)
                .AddColumn("Tool").AddColumn(new TableColumn("Commits").RightAligned()).AddColumn(new TableColumn("AI").RightAligned())
                .AddColumn(new TableColumn("Suggested").RightAligned()).AddColumn(new TableColumn("Share").RightAligned()).AddColumn("First").AddColumn("Last");
            foreach (var row in summary.ByTool)
            {
                tools.AddRow(UntrustedMarkup.Escape(row.Tool, 40), Num(row.Commits), Num(row.AiCommits), Num(row.SuggestedCommits), Pct(row.ShareOfCommits),
                    row.FirstSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.LastSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            console.Write(tools);
        }

        var months = new Table().Title("[bold]By month[/]").Border(TableBorder.Rounded)
            .AddColumn("Month").AddColumn(new TableColumn("Commits").RightAligned()).AddColumn(new TableColumn("AI").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned()).AddColumn("AI share");
        foreach (var row in summary.ByMonth.TakeLast(MonthsShown))
        {
            months.AddRow(UntrustedMarkup.Escape(row.Month), Num(row.Counts.Commits), Num(row.Counts.Ai), Pct(row.Counts.AiShare), Bar(row.Counts.AiShare, 30));
        }

        console.Write(months);
        NoteCut(console, summary.ByMonth.Count - MonthsShown, "earlier month", "earlier months");

        var shown = summary.ByAuthor.Take(AuthorsShown).ToList();
        var authors = new Table().Title($"[bold]By author[/] (top {AuthorsShown}, after .mailmap)").Border(TableBorder.Rounded)
            .AddColumn("Author").AddColumn(new TableColumn("Commits").RightAligned()).AddColumn(new TableColumn("AI").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned()).AddColumn("Tools");
        foreach (var row in shown)
        {
            authors.AddRow(UntrustedMarkup.Escape(AuthorLabel(row, shown), 24), Num(row.Counts.Commits), Num(row.Counts.Ai), Pct(row.Counts.AiShare),
                UntrustedMarkup.Escape(string.Join(", ", row.Tools), 22));
        }

        console.Write(authors);
        NoteCut(console, summary.ByAuthor.Count - shown.Count, "more author", "more authors");
    }

    /// <summary>Says under a table how many rows it left out, so a cut table is never mistaken for the whole.</summary>
    private static void NoteCut(IAnsiConsole console, int hidden, string one, string many)
    {
        if (hidden > 0)
        {
            console.MarkupLine($"[grey]… {Num(hidden)} {(hidden == 1 ? one : many)} not shown; --json has all[/]");
        }
    }

    /// <summary>An author's name, with the e-mail when another shown row has the same name (two people, or one the .mailmap does not join).</summary>
    private static string AuthorLabel(AuthorRow row, IReadOnlyList<AuthorRow> shown) =>
        shown.Count(r => string.Equals(r.Name, row.Name, StringComparison.OrdinalIgnoreCase)) > 1 ? $"{row.Name} <{row.Email}>" : row.Name;

    private static void AddStatus(Table table, string label, int count, int total) =>
        table.AddRow(label, Num(count), Pct(total == 0 ? 0 : (double)count / total), Bar(total == 0 ? 0 : (double)count / total, 30));

    private static string Num(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    private static string Bar(double share, int width)
    {
        var filled = (int)Math.Round(Math.Clamp(share, 0, 1) * width);
        return $"[red]{new string('█', filled)}[/][grey]{new string('·', width - filled)}[/]";
    }
}
