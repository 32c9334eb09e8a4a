using System.Globalization;
using Countersign.Engine.Backtesting;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Backtesting;
using Spectre.Console;

namespace Countersign.Cli.Output;

/// <summary>Renders a <see cref="BacktestReport"/> as terminal tables that fit 80 columns. Untrusted text (names, rules, branches) is neutralised.</summary>
internal static class BacktestRenderer
{
    public const int LoadRows = 15;

    public static void Render(IAnsiConsole console, BacktestRun run, BacktestReport report)
    {
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("[bold]Branch[/]", $"{UntrustedMarkup.Escape(run.TargetBranch ?? run.Revision, 44)} at {run.Tip[..12]}");
        header.AddRow("[bold]Window[/]", Escape((run.Window is { } window ? $"changes {window}" : run.Since is { } since ? $"changes since {Date(since)}" : "the whole history") + (run.Limit is { } limit ? $", newest {limit}" : "")));
        header.AddRow("[bold]Policy[/]", $"{UntrustedMarkup.Escape(run.Policy, 52)} ({run.RuleCount} rule{(run.RuleCount == 1 ? "" : "s")})");
        header.AddRow("[bold]People[/]", Escape($"today's directory and ownership ({run.TrustedRevision[..12]})"));
        var perChange = report.Changes == 0 ? "" : $" ({run.Elapsed.TotalMilliseconds / report.Changes:N0} ms each)";
        header.AddRow("[bold]Replayed[/]", $"{report.Changes:N0} changes ({report.Merges:N0} merge{(report.Merges == 1 ? "" : "s")}) in {run.Elapsed.TotalSeconds:N1} s{perChange}");
        console.Write(new Panel(header).Header("Countersign backtest").Expand());
        if (report.Changes == 0)
        {
            console.MarkupLine("No change landed in the window: nothing to report.");
            return;
        }

        console.MarkupLine($"[bold]Needs sign-off[/]: {report.NeedsSignOff:N0} of {report.Changes:N0} changes ({Pct(report.NeedsSignOffShare)}), {report.NeedsEnforcedSignOff:N0} under enforced rules.");
        if (report.Frozen > 0)
        {
            console.MarkupLine($"{report.Frozen:N0} landed while a freeze was in force.");
        }

        if (report.Unsatisfiable > 0)
        {
            console.MarkupLine($"[yellow]{report.Unsatisfiable:N0} could not have been signed off: too few eligible people in the directory.[/]");
        }

        RenderRules(console, report);
        RenderLoad(console, report);
        RenderOutcomes(console, report);
    }

    private static void RenderRules(IAnsiConsole console, BacktestReport report)
    {
        var table = new Table().Title("[bold]Rules[/] (applied: their conditions held)").Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Rule").NoWrap()).AddColumn("Mode").AddColumn(new TableColumn("Applied").RightAligned()).AddColumn(new TableColumn("Of changes").RightAligned());
        foreach (var rule in report.Rules)
        {
            table.AddRow(UntrustedMarkup.Escape(rule.Name, 40), rule.Mode == RuleMode.Enforce ? "enforce" : "[grey]warn[/]", Num(rule.Applied), Pct(rule.Share));
        }

        console.Write(table);
    }

    private static void RenderLoad(IAnsiConsole console, BacktestReport report)
    {
        if (report.Load.Count == 0)
        {
            console.MarkupLine("[bold]Reviewer load[/]: nobody could have signed off any change.");
            return;
        }

        var shown = Math.Min(LoadRows, report.Load.Count);
        var table = new Table().Title($"[bold]Reviewer load[/] (top {shown} of {report.Load.Count} eligible)").Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Person").NoWrap()).AddColumn(new TableColumn("Level").NoWrap())
            .AddColumn(new TableColumn("Candidate for").RightAligned()).AddColumn(new TableColumn("Expected sign-offs").RightAligned());
        foreach (var person in report.Load.Take(LoadRows))
        {
            table.AddRow(UntrustedMarkup.Escape(person.Name, 28), UntrustedMarkup.Escape(person.Level ?? "-", 10),
                Num(person.Changes), person.ExpectedLoad.ToString("N1", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine("[grey]A change needing k sign-offs from n eligible people adds k/n to each of them.[/]");
    }

    private static void RenderOutcomes(IAnsiConsole console, BacktestReport report)
    {
        var all = report.All;
        var settled = report.Settled;
        var table = new Table().Title("[bold]Would it have been caught?[/]").Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("").NoWrap()).AddColumn(new TableColumn("All").RightAligned()).AddColumn(new TableColumn($"Older than {report.SettleDays} d").RightAligned());
        void Row(string label, Func<OutcomeScore, string> value) => table.AddRow(label, value(all), value(settled));
        Row("Changes", s => Num(s.Changes));
        Row("Bad: reverted or fixed later", s => Num(s.Bad));
        Row("Flagged by the policy", s => Num(s.Flagged));
        Row("Bad among flagged", s => Num(s.FlaggedBad));
        Row("Recall (bad ones flagged)", s => Pct(s.Recall));
        Row("Precision (flagged ones bad)", s => Pct(s.Precision));
        Row("Baseline recall (most lines)", s => Pct(s.BaselineRecall));
        Row("Baseline precision", s => Pct(s.BaselinePrecision));
        Row("Added lines flagged: policy", s => Pct(s.FlaggedLinesShare));
        Row("Added lines flagged: baseline", s => Pct(s.BaselineLinesShare));
        Row("Policy vs baseline", s => s.Comparison);
        console.Write(table);

        var basis = settled.Bad > 0 ? settled : all;
        var which = ReferenceEquals(basis, settled) ? $"changes older than {report.SettleDays} days" : "all changes";
        console.MarkupLine(basis.Comparison == "undefined"
            ? $"No comparison with the baseline: {(basis.Bad == 0 ? "no change was reverted or fixed" : "the policy flags nothing")}."
            : $"On {which} the policy [bold]{basis.Comparison}[/] the lines-added baseline: it flags {Num(basis.FlaggedBad)} of {Num(basis.Bad)} bad changes, "
              + $"where flagging the {Num(basis.Flagged)} largest changes would flag {basis.BaselineFlaggedBad.ToString("0.#", CultureInfo.InvariantCulture)}.");
        if (report.Recent > 0)
        {
            console.MarkupLine($"[grey]{Num(report.Recent)} change(s) landed in the {report.SettleDays} days before the tip ({Date(report.Horizon)}): they had less time to be reverted or fixed, so their labels are incomplete; the last column leaves them out.[/]");
        }

        console.MarkupLine("[grey]Bad = a later commit on this branch says 'This reverts commit <sha>' or has a 'Fixes: <sha>' trailer for one of the change's commits; fixes that do not say so are missed.[/]");
    }

    private static string Escape(string text) => UntrustedMarkup.Escape(text, CliContext.MaxLineLength);

    private static string Num(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Date(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
