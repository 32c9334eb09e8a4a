using Countersign.Core.BlastRadius;
using Countersign.Core.History;

namespace Countersign.Core.Tests.BlastRadius;

public sealed class BlastRadiusCalculatorTests
{
    private static readonly BlastRadiusCalculator Calculator = new();

    /// <summary>payments (tier 1) ← checkout (tier 2) ← storefront (tier 3); search (tier 3) alone; notifications untiered.</summary>
    private static ServiceGraph Shop()
    {
        var graph = new ServiceGraph();
        graph.AddComponent(new ComponentFacts("component:default/payments", "payments", 1, "group:default/payments-team"), ["services/payments/"]);
        graph.AddComponent(new ComponentFacts("component:default/checkout", "checkout", 2, "group:default/checkout-team"), ["services/checkout"]);
        graph.AddComponent(new ComponentFacts("component:default/storefront", "storefront", 3, "group:default/web"), ["web/storefront/"]);
        graph.AddComponent(new ComponentFacts("component:default/search", "search", 3, "group:default/search-team"), ["services/search/"]);
        graph.AddComponent(new ComponentFacts("component:default/notifications", "notifications", null, null), ["services/notifications/"]);
        graph.AddDependency("component:default/checkout", "component:default/payments", "dependsOn");
        graph.AddDependency("component:default/storefront", "component:default/checkout", "consumes api:default/checkout-api");
        return graph;
    }

    private static FileChange F(string path, int added = 10, int deleted = 0) => new(path, added, deleted);

    [Fact]
    public void AChangeInsideOneLeafServiceIsServiceClass()
    {
        var result = Calculator.Compute([F("services/search/index.py")], Shop());

        Assert.Equal(BlastClass.Service, result.Class);
        Assert.Equal(2, result.Score);
        Assert.Equal("component:default/search", Assert.Single(result.Touched).Ref);
        Assert.Empty(result.Reached);
    }

    [Fact]
    public void DependentsAreReachedTransitivelyWithTheirPathAndDecayedWeight()
    {
        var result = Calculator.Compute([F("services/checkout/cart.cs")], Shop());

        var storefront = Assert.Single(result.Reached);
        Assert.Equal(1, storefront.Depth);
        Assert.Equal(["component:default/storefront", "component:default/checkout"], storefront.Path);
        Assert.Equal(["consumes api:default/checkout-api"], storefront.Via);
        Assert.Equal(1, storefront.Contribution); // tier 3 weight 2 × 0.5
        Assert.Equal(5, result.Score);            // checkout 4 + storefront 1
        Assert.Equal(BlastClass.MultiService, result.Class);
        Assert.Contains("group:default/web", result.Owners);
    }

    [Fact]
    public void TouchingATierOneComponentIsCriticalAndExplainsWhy()
    {
        var result = Calculator.Compute([F("services/payments/charge.go", 40, 2)], Shop());

        Assert.Equal(BlastClass.Critical, result.Class);
        Assert.Equal(2, result.Reached.Count);
        Assert.Equal(2, result.Reached.Single(r => r.Ref.EndsWith("storefront", StringComparison.Ordinal)).Depth);
        Assert.Equal(8 + 2 + 0.5, result.Score);
        Assert.StartsWith("critical: touches tier-1 payments", result.Explanation[0], StringComparison.Ordinal);
        Assert.Contains(result.Explanation, l => l.Contains("storefront → checkout → payments", StringComparison.Ordinal));
        Assert.Equal([1, 2, 3], result.Tiers);
    }

    [Theory]
    [InlineData("db/migrations/0042_add_index.sql", SpecialScopeKind.SchemaMigration)]
    [InlineData("infra/terraform/main.tf", SpecialScopeKind.Infrastructure)]
    [InlineData("libs/common/retry.cs", SpecialScopeKind.SharedLibrary)]
    [InlineData("config/feature-flags/checkout.yaml", SpecialScopeKind.FeatureFlags)]
    [InlineData("config/global/limits.yaml", SpecialScopeKind.OrgConfig)]
    public void SpecialScopesWidenTheReach(string path, SpecialScopeKind kind)
    {
        var result = Calculator.Compute([F(path)], Shop());

        Assert.Equal(kind, Assert.Single(result.Scopes).Kind);
        Assert.True(result.Class >= BlastClass.MultiService);
        Assert.Equal(kind == SpecialScopeKind.OrgConfig ? BlastClass.Critical : BlastClass.MultiService, result.Class);
    }

    [Fact]
    public void DocumentationOutsideAnyComponentIsContainedAndListedAsUnmapped()
    {
        var result = Calculator.Compute([F("README.md"), F("docs/guide.md")], Shop());

        Assert.Equal(BlastClass.Contained, result.Class);
        Assert.Equal(["README.md", "docs/guide.md"], result.UnmappedPaths);
        Assert.Equal(0, result.Score);
    }

    [Fact]
    public void CyclesTerminateAndCountEachComponentOnce()
    {
        var graph = new ServiceGraph();
        for (var i = 0; i < 4; i++)
        {
            graph.AddComponent(new ComponentFacts($"component:default/c{i}", $"c{i}", 2, null), [$"c{i}/"]);
        }

        graph.AddDependency("component:default/c1", "component:default/c0", "dependsOn");
        graph.AddDependency("component:default/c2", "component:default/c1", "dependsOn");
        graph.AddDependency("component:default/c0", "component:default/c2", "dependsOn");
        graph.AddDependency("component:default/c3", "component:default/c3", "dependsOn");

        var result = Calculator.Compute([F("c0/x")], graph);

        Assert.Equal(["component:default/c1", "component:default/c2"], result.Reached.Select(r => r.Ref));
        Assert.Equal(4 + 2 + 1, result.Score);
    }

    [Fact]
    public void TheLongestPathPrefixDecidesTheComponent()
    {
        var graph = new ServiceGraph();
        graph.AddComponent(new ComponentFacts("component:default/mono", "mono", 3, null), ["services/"]);
        graph.AddComponent(new ComponentFacts("component:default/api", "api", 2, null), ["services/api/"]);

        Assert.Equal(["component:default/api"], graph.ComponentsForPath("services/api/v1/handler.cs"));
        Assert.Equal(["component:default/mono"], graph.ComponentsForPath("services/other/x.cs"));
        Assert.Empty(graph.ComponentsForPath("servicesx/a.cs"));
    }

    [Fact]
    public void CodeownersOfUnmappedPathsAreOwnersToo()
    {
        var result = Calculator.Compute([F("tools/lint.sh")], Shop(), path => path.StartsWith("tools/", StringComparison.Ordinal) ? ["@acme/devex"] : []);

        Assert.Equal(["@acme/devex"], result.Owners);
    }

    [Fact]
    public void WeightsAreConfigurable()
    {
        var strict = new BlastRadiusCalculator(BlastRadiusOptions.Default with { CriticalScore = 4 });

        Assert.Equal(BlastClass.Critical, strict.Compute([F("services/checkout/cart.cs")], Shop()).Class);
    }

    [Fact]
    public void AHundredThousandComponentGraphAnswersAChange()
    {
        var graph = new ServiceGraph();
        for (var i = 0; i < 100_000; i++)
        {
            graph.AddComponent(new ComponentFacts($"component:default/s{i}", $"s{i}", (i % 4) + 1, null), [$"services/s{i}/"]);
            for (var k = 1; k <= 10; k++)
            {
                graph.AddDependency($"component:default/s{i}", $"component:default/s{(i * 7 + k) % 100_000}", "dependsOn");
            }
        }

        var result = new BlastRadiusCalculator(BlastRadiusOptions.Default with { MaxDepth = 3 }).Compute([F("services/s5/main.go")], graph);

        Assert.Equal("component:default/s5", Assert.Single(result.Touched).Ref);
        Assert.NotEmpty(result.Reached);
        Assert.All(result.Reached, r => Assert.InRange(r.Depth, 1, 3));
    }

    [Fact]
    public void AWideReachIsExplainedByItsHeaviestPartsAndOneSummaryLine()
    {
        var graph = new ServiceGraph();
        graph.AddComponent(new ComponentFacts("component:default/core", "core", 2, null), ["core/"]);
        for (var i = 0; i < 100; i++)
        {
            graph.AddComponent(new ComponentFacts($"component:default/app{i}", $"app{i}", i == 42 ? 1 : 4, null), [$"apps/{i}/"]);
            graph.AddDependency($"component:default/app{i}", "component:default/core", "dependsOn");
        }

        var result = Calculator.Compute([F("core/x.cs")], graph);

        Assert.Equal(100, result.Reached.Count);
        Assert.Equal(BlastRadiusCalculator.MaxExplainedReach, result.Explanation.Count(l => l.StartsWith("reaches app", StringComparison.Ordinal)));
        Assert.Contains(result.Explanation, l => l.StartsWith("reaches app42 (tier 1", StringComparison.Ordinal));
        Assert.Contains(result.Explanation, l => l.StartsWith("reaches 75 more component(s)", StringComparison.Ordinal));
    }
}
