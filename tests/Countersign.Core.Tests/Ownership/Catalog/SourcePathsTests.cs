using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

public sealed class SourcePathsTests
{
    [Theory]
    [InlineData("url:https://github.com/acme/shop/tree/main/services/checkout/", null, "services/checkout/")]
    [InlineData("url:https://github.com/acme/shop/tree/main/services/checkout", "acme/shop", "services/checkout/")]
    [InlineData("url:https://github.com/acme/shop/blob/v2/libs/x", "https://github.com/Acme/Shop.git", "libs/x/")]
    [InlineData("url:https://github.com/acme/shop/tree/main/", "https://github.com/acme/shop", "")]
    [InlineData("https://github.com/acme/shop", null, "")]
    [InlineData("url:https://gitlab.com/acme/platform/shop/-/tree/main/svc/a", "acme/platform/shop", "svc/a/")]
    [InlineData("url:https://bitbucket.org/acme/shop/src/main/svc/b/", null, "svc/b/")]
    [InlineData("url:https://github.com/acme/src/tree/main/app", "acme/src", "app/")]
    public void ASourceLocationBecomesThePathInsideTheRepository(string location, string? repository, string expected)
    {
        Assert.Equal(expected, SourcePaths.FromSourceLocation(location, repository));
    }

    [Theory]
    [InlineData("url:https://github.com/acme/other/tree/main/services/checkout/", "acme/shop")]
    [InlineData("file:./", null)]
    [InlineData("not a url", null)]
    public void ALocationInAnotherRepositoryOrNotAUrlYieldsNothing(string location, string? repository)
    {
        Assert.Null(SourcePaths.FromSourceLocation(location, repository));
    }

    [Fact]
    public void ASourcePathListIsSplitOnCommasAndNewlinesAndNormalised()
    {
        Assert.Equal(["services/a/", "libs/b/", "", "**/*.proto", "docs/c/"], SourcePaths.ParseList("./services/a, /libs/b/**\n.\n**/*.proto,,docs/c/"));
    }

    [Fact]
    public void TheExplicitAnnotationWinsOverTheSourceLocationAndTheRepositoryOptionFiltersLocations()
    {
        var text = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: a
              annotations:
                backstage.io/source-location: url:https://github.com/acme/shop/tree/main/services/a/
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: b
              annotations:
                backstage.io/source-location: url:https://github.com/acme/shop/tree/main/services/b/
                countersign.io/source-paths: services/b/src
            """;

        var elsewhere = CatalogReader.Read([(text, "c.yaml")], CatalogOptions.Default with { Repository = "acme/web" }).Catalog;
        var here = CatalogReader.Read([(text, "c.yaml")], CatalogOptions.Default with { Repository = "https://github.com/acme/shop" }).Catalog;

        Assert.Empty(elsewhere.Find("a")!.SourcePaths);
        Assert.Equal(["services/a/"], here.Find("a")!.SourcePaths);
        Assert.Equal(["services/b/src/"], here.Find("b")!.SourcePaths);
    }
}
