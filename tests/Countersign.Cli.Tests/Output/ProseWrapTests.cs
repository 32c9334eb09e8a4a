using Countersign.Cli.Output;

namespace Countersign.Cli.Tests.Output;

public sealed class ProseWrapTests
{
    [Fact]
    public void ProseWrapsAtWordsWithinTheWidthAndContinuesUnderItsIndentation()
    {
        var lines = ProseWrap.Lines("needs 1 more approval from someone senior or above who owns checkout", 30, indent: 2);

        Assert.Equal(["  needs 1 more approval from", "  someone senior or above who", "  owns checkout"], lines);
        Assert.All(lines, l => Assert.True(l.Length <= 30));
    }

    [Fact]
    public void AWordLongerThanALineStaysWhole()
    {
        var lines = ProseWrap.Lines("see services/checkout/src/Checkout.Api/Retries.cs now", 20);

        Assert.Equal(["see", "services/checkout/src/Checkout.Api/Retries.cs", "now"], lines);
    }

    [Fact]
    public void AnEmptyLineStaysOneEmptyLine() =>
        Assert.Equal([""], ProseWrap.Lines("", 80, indent: 2));
}
