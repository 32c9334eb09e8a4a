using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

public sealed class CatalogGraphTests
{
    private static string Component(string name, string spec = "", string annotations = "") => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        {(annotations.Length == 0 ? "" : "  annotations:\n" + annotations)}
        spec:
          type: service
        {spec}
        ---

        """;

    private static Countersign.Core.Ownership.Catalog.Catalog Load(params string[] documents) =>
        CatalogReader.Read([(string.Concat(documents), "catalog.yaml")]).Catalog;

    private static EntityRef Ref(string text) => EntityRef.Parse(text);

    [Fact]
    public void CyclesInDependsOnAreAllowedAndDependentsTerminate()
    {
        var catalog = Load(
            Component("a", "  dependsOn: [component:b]"),
            Component("b", "  dependsOn: [component:c]"),
            Component("c", "  dependsOn: [component:a, component:c]"));

        Assert.Equal([new CatalogDependency(Ref("c"), null)], catalog.Dependents(Ref("a")));
        Assert.Equal([new CatalogDependency(Ref("a"), null)], catalog.Dependencies(Ref("c"))); // the self-loop is not a dependency
        Assert.Equal([Ref("c"), Ref("b")], catalog.TransitiveDependents(Ref("a")));
    }

    [Fact]
    public void ARelationDeclaredFromBothEndsIsStoredOnce()
    {
        var catalog = Load(
            Component("a", "  dependsOn: [component:b]"),
            Component("b", "  dependencyOf: [component:a]"));

        Assert.Equal(2, catalog.RelationCount);
        Assert.Equal([new CatalogDependency(Ref("a"), null)], catalog.Dependents(Ref("b")));
    }

    [Fact]
    public void ComponentsForPathPicksTheLongestPrefixBySegment()
    {
        var catalog = Load(
            Component("monorepo", annotations: "    countersign.io/source-paths: .\n"),
            Component("services", annotations: "    countersign.io/source-paths: services/\n"),
            Component("checkout", annotations: "    countersign.io/source-paths: \"services/checkout, libs/checkout-sdk/**\"\n"),
            Component("checkout-web", annotations: "    countersign.io/source-paths: services/checkout/web\n"),
            Component("protos", annotations: "    countersign.io/source-paths: \"**/*.proto\"\n"),
            Component("located", annotations: "    backstage.io/source-location: url:https://github.com/acme/shop/tree/main/services/search/\n"));

        string Owner(string path) => string.Join(",", catalog.ComponentsForPath(path).Select(c => c.Name));

        Assert.Equal("checkout", Owner("services/checkout/cart.cs"));
        Assert.Equal("checkout-web", Owner("services/checkout/web/index.ts"));
        Assert.Equal("services", Owner("services/checkout-legacy/x.cs")); // a segment, not a string prefix
        Assert.Equal("checkout", Owner("libs/checkout-sdk/src/a.ts"));
        Assert.Equal("located", Owner("/services/search/q.go"));
        Assert.Equal("monorepo,protos", Owner("api/orders.proto")); // the glob and the root tie at the root
        Assert.Equal("monorepo", Owner("README.md"));
        Assert.Equal(["services/checkout/", "libs/checkout-sdk/"], catalog.Find("checkout")!.SourcePaths);
    }

    [Fact]
    public void WithoutAnyPrefixNoComponentOwnsAPath()
    {
        Assert.Empty(Load(Component("a")).ComponentsForPath("src/a.cs"));
    }

    [Fact]
    public void TheCatalogBecomesTheServiceGraphBlastRadiusWalks()
    {
        var catalog = Load(
            Component("payments", annotations: "    countersign.io/tier: critical\n    countersign.io/source-paths: services/payments/\n"),
            Component("checkout", "  dependsOn: [component:payments]\n  owner: group:shop", "    countersign.io/source-paths: services/checkout/\n"));

        var graph = catalog.ToServiceGraph();

        Assert.Equal(2, graph.ComponentCount);
        Assert.Equal(1, graph.Find("component:default/payments")!.Tier);
        Assert.Equal(["component:default/payments"], graph.ComponentsForPath("services/payments/a.go"));
        Assert.Equal(("component:default/checkout", "dependsOn"), Assert.Single(graph.DependentsOf("component:default/payments")));
    }
}
