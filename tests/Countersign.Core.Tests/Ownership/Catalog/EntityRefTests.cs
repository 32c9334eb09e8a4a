using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

public sealed class EntityRefTests
{
    [Theory]
    [InlineData("checkout", "component", "component:default/checkout")]
    [InlineData("team-a", "group", "group:default/team-a")]
    [InlineData("user:guest", "group", "user:default/guest")]
    [InlineData("payments/checkout-api", "api", "api:payments/checkout-api")]
    [InlineData("Resource:Infra/artists-db", "component", "resource:infra/artists-db")]
    [InlineData("  api:orders.v2 ", "api", "api:default/orders.v2")]
    public void MissingPartsTakeTheDefaultsOfTheField(string text, string defaultKind, string expected)
    {
        Assert.True(EntityRef.TryParse(text, defaultKind, "default", out var parsed, out var error), error);
        Assert.Equal(expected, parsed.ToString());
    }

    [Fact]
    public void TheDefaultNamespaceIsTheReferringEntitysOwn()
    {
        Assert.True(EntityRef.TryParse("orders", "api", "shop", out var parsed, out _));
        Assert.Equal("api:shop/orders", parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("component:")]
    [InlineData("a:b:c")]
    [InlineData("ns/a/b")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    public void MalformedRefsAreRejectedWithAReason(string text)
    {
        Assert.False(EntityRef.TryParse(text, "component", "default", out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void AFieldWithoutADefaultKindRequiresOne()
    {
        Assert.False(EntityRef.TryParse("artists-db", null, "default", out _, out var error));
        Assert.Contains("no kind", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonIgnoresCaseButTheNameKeepsItsSpelling()
    {
        var written = EntityRef.Parse("Component:Default/Artist-Lookup");

        Assert.Equal(EntityRef.Parse("artist-lookup"), written);
        Assert.Equal(EntityRef.Parse("artist-lookup").GetHashCode(), written.GetHashCode());
        Assert.Equal("component:default/Artist-Lookup", written.ToString());
    }
}
