using Countersign.Core.Provenance;
using Countersign.Core.Text;

namespace Countersign.Core.Tests.Text;

/// <summary>The one bound on untrusted text that is stored (comments, titles, summaries, reasons).</summary>
public sealed class UntrustedTextBoundTests
{
    [Fact]
    public void TextThatFitsIsKeptAsWrittenLineBreaksIncluded()
    {
        const string comment = "looks right\nbut watch the retries";

        Assert.Same(comment, UntrustedText.Bound(comment, comment.Length));
    }

    [Fact]
    public void LongerTextIsCutToTheBoundEndingInAnEllipsis()
    {
        var bounded = UntrustedText.Bound(new string('x', 5000), 4000);

        Assert.Equal(4000, bounded.Length);
        Assert.EndsWith("x…", bounded, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCutNeverSplitsASurrogatePair()
    {
        var bounded = UntrustedText.Bound("ab🚀cd", 4);

        Assert.Equal("ab…", bounded);
        Assert.DoesNotContain(bounded, char.IsSurrogate);
    }

    [Fact]
    public void APathBoundKeepingItsEndStartsWithAnEllipsisAndNamesTheFile()
    {
        var path = string.Join('/', Enumerable.Repeat("deep", 40)) + "/refund.go";

        var bounded = UntrustedText.Bound(path, 120, keepEnd: true);

        Assert.Equal(120, bounded.Length);
        Assert.StartsWith("…", bounded, StringComparison.Ordinal);
        Assert.EndsWith("/refund.go", bounded, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepingTheEndNeverSplitsASurrogatePairEither()
    {
        var bounded = UntrustedText.Bound("ab🚀cd", 4, keepEnd: true);

        Assert.Equal("…cd", bounded);
        Assert.DoesNotContain(bounded, char.IsSurrogate);
    }

    [Fact]
    public void NullStaysNull() => Assert.Null(UntrustedText.Bound(null, 10));

    [Fact]
    public void EvidenceIsBoundToOneLineOfItsMaximumLength()
    {
        var bounded = Evidence.Bound("first line\r\nsecond " + new string('y', 300));

        Assert.Equal(Evidence.MaxTextLength, bounded.Length);
        Assert.StartsWith("first line second ", bounded, StringComparison.Ordinal);
        Assert.EndsWith("…", bounded, StringComparison.Ordinal);
    }
}
