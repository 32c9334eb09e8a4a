namespace Countersign.Demo;

/// <summary>
/// The first commits of acme-shop: repository files (README, CODEOWNERS, CI, PR template), then each area with a
/// few source files, its manifest and a Backstage <c>catalog-info.yaml</c> that later ownership work can read.
/// </summary>
internal static class DemoScaffold
{
    public const string PullRequestTemplate = ".github/pull_request_template.md";
    public const string DevTools = ".devcontainer/tools.txt";

    public static IReadOnlyList<DemoScaffoldStep> Steps(DemoSourceTree tree, DemoManifests manifests, Random random)
    {
        var steps = new List<DemoScaffoldStep>
        {
            new(DemoPeople.Priya, "Initial commit: acme-shop monorepo layout", "Services, shared libraries, schema migrations, IaC and config in one repository.", () =>
            {
                tree.SetText("README.md", ["# acme-shop", "", "The acme-shop monorepo: storefront services, shared libraries, schema, infrastructure and config.", "",
                    "| Path | Owner |", "|---|---|", .. DemoAreas.All.Select(a => $"| `{a.Root}` | team-{a.Team} |")]);
                tree.SetText(".github/CODEOWNERS", ["# Owners are teams; the platform team owns everything shared.", "*                    @acme-shop/team-platform",
                    .. DemoAreas.All.Select(a => $"/{a.Root}/ @acme-shop/team-{a.Team}")]);
                tree.SetText("catalog-info.yaml", RootCatalog());
                tree.SetText(".countersign/org.yaml", DemoOrgDirectory.Render());
                tree.SetText(".countersign/policy.yaml", [.. Core.Policy.Compilation.DefaultPolicy.Text.TrimEnd('\n').Split('\n')]);
                tree.SetText(".github/workflows/ci.yml", ["name: ci", "on: [push, pull_request]", "jobs:", "  build:", "    runs-on: ubuntu-latest",
                    "    steps:", "      - uses: actions/checkout@v4", "      - run: make test"]);
                tree.SetText(PullRequestTemplate, ["## What", "", "## Why", "", "## Checklist", "- [ ] Tests added", "- [ ] AI assistance declared (tool, model)", "",
                    "<!-- footer -->", "🤖 Generated with Claude Code"]);
                tree.SetText(DevTools, ["# Tools installed in the dev container", "node 22.15.0", "dotnet 9.0.300", "go 1.24.3", "python 3.12.10",
                    "@anthropic-ai/claude-code 2.0.76"]);
            }),
        };

        foreach (var area in DemoAreas.All)
        {
            var owner = DemoPeople.Engineers.FirstOrDefault(p => p.Team == area.Team && p.Level is "senior" or "staff") ?? DemoPeople.Priya;
            steps.Add(new(owner, $"{area.Name}: scaffold {area.Root}", $"Initial layout of {area.Root}, owned by team-{area.Team}.", () =>
            {
                var sequence = 1;
                foreach (var stem in area.InitialFiles)
                {
                    var blocks = Enumerable.Range(0, random.Next(2, 4)).Select(_ => DemoCodeTemplates.Block(area, random)).ToList();
                    tree.Create(area.NewFilePath(stem, sequence++), new DemoSourceFile(area, DemoCodeTemplates.Header(area, stem), blocks, DemoCodeTemplates.Footer(area)));
                }

                foreach (var manifest in manifests.Paths.Where(m => m.StartsWith(area.Root + "/", StringComparison.Ordinal)))
                {
                    tree.SetText(manifest, manifests.Render(manifest));
                }

                tree.SetText($"{area.Root}/catalog-info.yaml", CatalogInfo(area));
                if (area == DemoAreas.Catalog)
                {
                    tree.SetBinary("services/catalog/assets/logo.png", DemoPng.Gradient(32, 220, 90, 40));
                }
            }));
        }

        return steps;
    }

    /// <summary>How critical each area is: money and org-wide settings first.</summary>
    private static int Tier(DemoArea area) => area.Name switch
    {
        "payments" or "checkout" or "global-config" or "migrations" => 1,
        "catalog" or "common" or "terraform" or "feature-flags" => 2,
        _ => 3,
    };

    /// <summary>The system and the owning groups, so every owner reference in the area files resolves.</summary>
    private static List<string> RootCatalog()
    {
        var lines = new List<string>
        {
            "apiVersion: backstage.io/v1alpha1", "kind: System", "metadata:", "  name: acme-shop", "spec:", "  owner: group:team-platform",
        };
        foreach (var team in DemoAreas.All.Select(a => a.Team).Distinct())
        {
            lines.AddRange(["---", "apiVersion: backstage.io/v1alpha1", "kind: Group", "metadata:", $"  name: team-{team}", "spec:", "  type: team", "  children: []"]);
        }

        return lines;
    }

    private static List<string> CatalogInfo(DemoArea area)
    {
        var kind = area.Root.StartsWith("services/", StringComparison.Ordinal) ? "Component" : "Resource";
        var lines = new List<string>
        {
            "apiVersion: backstage.io/v1alpha1", $"kind: {kind}", "metadata:", $"  name: {area.Name}",
            "  annotations:", $"    countersign.io/tier: \"{Tier(area)}\"", "spec:",
            $"  type: {(kind == "Component" ? "service" : area.Language == DemoLanguage.Sql ? "database" : "configuration")}",
            "  lifecycle: production", $"  owner: group:team-{area.Team}", "  system: acme-shop",
        };
        if (kind == "Component")
        {
            lines.Add("  dependsOn:");
            lines.Add("    - resource:global-config");
            lines.Add("    - resource:feature-flags");
            if (area == DemoAreas.Checkout)
            {
                lines.AddRange(["    - component:payments", "    - component:catalog", "    - resource:migrations"]);
            }
        }

        return lines;
    }
}
