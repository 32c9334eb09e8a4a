using Countersign.Engine.Ownership;
using Countersign.Core.BlastRadius;
using Spectre.Console;

namespace Countersign.Cli.Output;

/// <summary>Draws a blast radius as a tree of reach (touched component → its dependents), then owners and the explanation.</summary>
internal static class ImpactRenderer
{
    public static void Render(IAnsiConsole console, BlastRadiusResult result, int files, RepositoryOwnership ownership)
    {
        var colour = result.Class switch
        {
            BlastClass.Critical => "red",
            BlastClass.MultiService => "yellow",
            BlastClass.Service => "blue",
            _ => "green",
        };
        var root = new Tree($"[bold {colour}]{UntrustedMarkup.Escape(result.Explanation[0])}[/]");
        foreach (var touched in result.Touched)
        {
            var node = root.AddNode($"[bold]{UntrustedMarkup.Escape(touched.Name)}[/] {Tier(touched.Tier)} owner {UntrustedMarkup.Escape(touched.Owner ?? "unknown")} · {touched.Files.Count} file(s) +{touched.LinesAdded}/−{touched.LinesDeleted}");
            AddDependents(node, touched.Ref, result.Reached, depth: 1);
        }

        foreach (var scope in result.Scopes)
        {
            root.AddNode($"[yellow]{UntrustedMarkup.Escape(BlastRadiusCalculator.Name(scope.Kind))}[/] {UntrustedMarkup.Escape(string.Join(", ", scope.Files.Take(3)))}{(scope.Files.Count > 3 ? ", …" : "")} (+{scope.Contribution})");
        }

        if (result.UnmappedPaths.Count > 0)
        {
            root.AddNode($"[grey]{result.UnmappedPaths.Count} file(s) in no component[/]");
        }

        console.Write(root);
        console.MarkupLine($"[bold]Owners[/]: {UntrustedMarkup.Escape(result.Owners.Count == 0 ? "none known" : string.Join(", ", result.Owners))}");
        console.MarkupLine($"[grey]{files} changed file(s); catalog: {ownership.Catalog.Entities.Count} entities; CODEOWNERS: {UntrustedMarkup.Escape(ownership.Codeowners?.Source ?? "none")}[/]");
        foreach (var line in result.Explanation.Skip(1))
        {
            console.MarkupLine($"  [grey]·[/] {UntrustedMarkup.Escape(line)}");
        }
    }

    private static void AddDependents(TreeNode node, string entityRef, IReadOnlyList<ReachedComponent> reached, int depth)
    {
        foreach (var r in reached.Where(r => r.Depth == depth && string.Equals(r.Path[1], entityRef, StringComparison.OrdinalIgnoreCase)))
        {
            var child = node.AddNode($"← {UntrustedMarkup.Escape(r.Name)} {Tier(r.Tier)} owner {UntrustedMarkup.Escape(r.Owner ?? "unknown")} [grey]({UntrustedMarkup.Escape(r.Via[0])}, +{r.Contribution})[/]");
            AddDependents(child, r.Ref, reached, depth + 1);
        }
    }

    private static string Tier(int? tier) => tier is { } t ? $"[{(t == 1 ? "red" : "grey")}]tier {t}[/]" : "[grey]no tier[/]";
}
