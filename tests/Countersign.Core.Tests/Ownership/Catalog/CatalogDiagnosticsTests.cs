using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

public sealed class CatalogDiagnosticsTests
{
    private const string Checkout = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: checkout
        spec:
          owner: payments
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: payments
        """;

    [Fact]
    public void ADuplicateEntityIsReportedAtTheSecondPlaceNamingTheFirstAndTheFirstWins()
    {
        var copy = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: Checkout
            spec:
              owner: someone-else
            """;

        var result = CatalogReader.Read([(Checkout, "services/checkout/catalog-info.yaml"), (copy, "legacy/catalog-info.yaml")]);

        var duplicate = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, duplicate.Severity);
        Assert.Equal(("legacy/catalog-info.yaml", 4, "metadata.name"), (duplicate.Source, duplicate.Line, duplicate.Field));
        Assert.Contains("component:default/Checkout", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("services/checkout/catalog-info.yaml:4", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(EntityRef.Parse("group:payments"), result.Catalog.Find("checkout")!.Owner);
    }

    [Fact]
    public void BadYamlIsReportedWithItsPositionAndEarlierDocumentsStillLoad()
    {
        var text = Checkout + """

            ---
            kind: Component
            metadata:
              name: broken
              tags: [a, b
            spec: {}
            """;

        var result = CatalogReader.Read([(text, "catalog-info.yaml")]);

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.Equal("catalog-info.yaml", error.Source);
        Assert.InRange(error.Line ?? 0, 15, 17);
        Assert.Equal(2, result.Catalog.Entities.Count);
    }

    [Fact]
    public void EntitiesWithoutKindOrNameAreSkippedAndUnknownKindsAreKeptWithAWarning()
    {
        var text = """
            apiVersion: backstage.io/v1alpha1
            metadata:
              name: no-kind
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              title: No name
            ---
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: new-service
            """;

        var result = CatalogReader.Read([(text, "c.yaml")]);

        Assert.Equal(
            ["c.yaml:1:1: error: entity has no 'kind'; it is ignored (field 'kind')",
             "c.yaml:5:1: error: Component has no 'metadata.name'; it is ignored (field 'metadata.name')",
             "c.yaml:11:7: warning: unknown kind 'Template' (expected component, api, resource, system, domain, group, user, location): template:default/new-service is kept for references but not interpreted (field 'kind')"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.NotNull(result.Catalog.Find("template:new-service"));
    }

    [Fact]
    public void InvalidRefsAreErrorsAndDependsOnWithoutAKindIsReadAsAComponentWithAWarning()
    {
        var text = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: cart
            spec:
              owner: "team a"
              dependsOn:
                - checkout
                - resource:a:b
            """ + "\n---\n" + Checkout;

        var result = CatalogReader.Read([(text, "cart.yaml")]);

        Assert.Equal(
            ["cart.yaml:6:10: error: invalid entity reference: 'team a' has an invalid name 'team a' (letters, digits, '-', '_' and '.', at most 63, starting and ending with a letter or digit) (field 'spec.owner')",
             "cart.yaml:8:7: warning: 'checkout' has no kind; Backstage requires one in dependsOn; read as component:default/checkout (field 'spec.dependsOn[0]')",
             "cart.yaml:9:7: error: invalid entity reference: 'resource:a:b' has an invalid name 'a:b' (letters, digits, '-', '_' and '.', at most 63, starting and ending with a letter or digit) (field 'spec.dependsOn[1]')"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal([new CatalogDependency(EntityRef.Parse("checkout"), null)], result.Catalog.Dependencies(EntityRef.Parse("cart")));
        Assert.Null(result.Catalog.Find("cart")!.Owner);
    }

    [Fact]
    public void WrongShapesAreReportedAndTheRestOfTheEntityStillCounts()
    {
        var text = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: cart
              annotations:
                countersign.io/tier: severe
            spec:
              owner: [payments]
              providesApis: cart-api
            """;

        var result = CatalogReader.Read([(text, "cart.yaml")]);

        Assert.Equal(
            ["cart.yaml:8:10: error: expected a single value (field 'spec.owner')",
             "cart.yaml:9:17: warning: expected a list, read 'cart-api' as a one-item list (field 'spec.providesApis')",
             "cart.yaml:9:17: warning: providesApis target api:default/cart-api is not in the catalog (field 'spec.providesApis')",
             "cart.yaml:6:26: warning: unrecognised tier 'severe' (expected 1-4, tier-1 to tier-4, critical, high, medium or low) (field 'metadata.annotations.countersign.io/tier')"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Null(result.Catalog.Find("cart")!.Tier);
    }

    [Fact]
    public void ABareOwnerNameFallsBackToAUserOnlyWhenNoGroupHasIt()
    {
        var text = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: searcher
            spec:
              owner: guest
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: guest
            spec: {}
            """;

        var result = CatalogReader.Read([(text, "s.yaml")]);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(EntityRef.Parse("user:guest"), result.Catalog.Find("searcher")!.Owner);
    }
}
