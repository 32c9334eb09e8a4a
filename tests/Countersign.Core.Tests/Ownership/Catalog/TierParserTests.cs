using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

public sealed class TierParserTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("tier-1", 1)]
    [InlineData("Tier 2", 2)]
    [InlineData("tier_3", 3)]
    [InlineData("TIER4", 4)]
    [InlineData("t2", 2)]
    [InlineData("0", 1)]
    [InlineData("tier-0", 1)]
    [InlineData("critical", 1)]
    [InlineData("Mission-Critical", 1)]
    [InlineData("high", 2)]
    [InlineData("medium", 3)]
    [InlineData("low", 4)]
    [InlineData(" best-effort ", 4)]
    public void NumbersAndWordsNormaliseToOneThroughFour(string text, int expected)
    {
        Assert.Equal(expected, TierParser.Normalize(text));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("tier-9")]
    [InlineData("-1")]
    [InlineData("severe")]
    [InlineData("")]
    public void AnythingElseIsUnrecognised(string text)
    {
        Assert.Null(TierParser.Normalize(text));
    }

    [Fact]
    public void AnAnnotationWinsOverALabelAndOptionsNameTheKeys()
    {
        var text = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: a
              annotations:
                acme.io/criticality: high
              labels:
                tier: "4"
            """;

        Assert.Equal(4, CatalogReader.Read([(text, "a.yaml")]).Catalog.Find("a")!.Tier);
        var options = CatalogOptions.Default with { TierAnnotations = ["acme.io/criticality"] };
        Assert.Equal(2, CatalogReader.Read([(text, "a.yaml")], options).Catalog.Find("a")!.Tier);
    }
}
