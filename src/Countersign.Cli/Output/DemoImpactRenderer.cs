using Countersign.Engine.Ownership;
using Countersign.Core.BlastRadius;
using Countersign.Git;
using Spectre.Console;

namespace Countersign.Cli.Output;

/// <summary>The demo's blast-radius table: the latest changes with their class, score and what they reach.</summary>
internal static class DemoImpactRenderer
{
    public static void Render(IAnsiConsole console, GitRepository repository, int count)
    {
        var ownership = RepositoryOwnership.Load(repository, "HEAD");
        var calculator = new BlastRadiusCalculator();
        var commits = repository.ListCommits(RevisionSelection.Head).Reverse().Take(count * 3).ToList();
        var table = new Table().Title("[bold]Blast radius[/] of the latest changes (countersign impact)").Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Commit").NoWrap()).AddColumn(new TableColumn("Class").NoWrap()).AddColumn(new TableColumn("Score").RightAligned())
            .AddColumn(new TableColumn("Touches → reaches").NoWrap());
        var shown = 0;
        foreach (var sha in commits)
        {
            var files = repository.DiffFiles($"{sha}^", sha);
            if (files.Count == 0)
            {
                continue;
            }

            var result = calculator.Compute(files, ownership.Graph, ownership.CodeownersOf);
            var reach = string.Join(", ", result.Touched.Select(t => t.Name))
                + (result.Reached.Count > 0 ? " → " + string.Join(", ", result.Reached.Select(r => r.Name)) : "")
                + (result.Scopes.Count > 0 ? " [" + string.Join(", ", result.Scopes.Select(s => BlastRadiusCalculator.Name(s.Kind))) + "]" : "");
            var colour = result.Class switch { BlastClass.Critical => "red", BlastClass.MultiService => "yellow", BlastClass.Service => "blue", _ => "green" };
            table.AddRow(sha[..7], $"[{colour}]{BlastRadiusCalculator.Name(result.Class)}[/]", result.Score.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
                UntrustedMarkup.Escape(reach.Length == 0 ? "(no component)" : reach, 42));
            if (++shown == count)
            {
                break;
            }
        }

        console.Write(table);
    }
}
