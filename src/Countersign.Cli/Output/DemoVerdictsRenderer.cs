using Countersign.Demo;
using Countersign.Storage;
using Spectre.Console;

namespace Countersign.Cli.Output;

/// <summary>
/// The demo's "look closer" table: one commit per AI tool with the evidence that convicted it, next to the
/// false-positive traps that stayed unknown, so a newcomer sees precision as well as recall.
/// </summary>
internal static class DemoVerdictsRenderer
{
    public static void Render(IAnsiConsole console, DemoWorkspaceInfo info, IEnumerable<StoredCommit> commits)
    {
        var bySha = commits.ToDictionary(c => c.Sha, StringComparer.Ordinal);
        var picks = info.Truth.Where(t => t.Kind == DemoCommitKind.Ai && t.Tool is not null).GroupBy(t => t.Tool).Select(g => g.First())
            .Concat(info.Truth.Where(t => t.Trap is not null).Take(5))
            .Where(t => bySha.ContainsKey(t.Sha))
            .ToList();

        var table = new Table().Title("[bold]Look closer[/]: evidence, and traps that did not fool it").Border(TableBorder.Rounded)
            .AddColumn("Commit").AddColumn(new TableColumn("Subject").NoWrap()).AddColumn(new TableColumn("Verdict").NoWrap()).AddColumn(new TableColumn("Evidence").NoWrap());
        foreach (var truth in picks)
        {
            var c = bySha[truth.Sha];
            var verdict = c.Ai.Status == "ai" ? $"[red]ai[/] {UntrustedMarkup.Escape(string.Join(",", c.Ai.Tools), 11)}" : $"[green]{UntrustedMarkup.Escape(c.Ai.Status)}[/]";
            var evidence = c.Ai.Evidence.OrderByDescending(e => e.Confidence).FirstOrDefault() is { } e
                ? $"{e.Kind.ToString().ToLowerInvariant()}: {e.Text}"
                : "none (a mention only)";
            table.AddRow(c.Sha[..7], UntrustedMarkup.Escape(c.Subject, 19), verdict, UntrustedMarkup.Escape(evidence, 23));
        }

        console.Write(table);
    }
}
