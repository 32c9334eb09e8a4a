using Countersign.Core.Text;

namespace Countersign.Core.Tests.Text;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("Dana Junior")]
    [InlineData("services/payments/refund.go")]
    [InlineData("José Ñúñez 李小龍 Ærøskøbing")]
    [InlineData("emoji 🚀 and a family 👩‍👩‍👧")]
    [InlineData("brackets [red] and \\ backslashes")]
    public void PrintableTextPassesUnchanged(string text)
    {
        var shown = UntrustedText.ForTerminal(text);
        if (text.Contains('\u200d', StringComparison.Ordinal))
        {
            // A zero-width joiner is invisible: it is shown, like every other format character.
            Assert.Equal(text.Replace("\u200d", "\\u200d", StringComparison.Ordinal), shown);
        }
        else
        {
            Assert.Equal(text, shown);
        }
    }

    [Theory]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\rb", "a\\rb")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("nul\0", "nul\\x00")]
    [InlineData("bel\u0007", "bel\\x07")]
    [InlineData("bs\u0008", "bs\\x08")]
    [InlineData("del\u007f", "del\\x7f")]
    public void ControlCharactersAndLineBreaksBecomeVisibleEscapes(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.ForTerminal(text));

    [Fact]
    public void TheIssuesHostileAuthorNameCannotRetitleOrClearTheTerminal()
    {
        var shown = UntrustedText.ForTerminal("Eve \u001b]0;PWNED\u0007\u001b[2J");

        Assert.Equal("Eve \\x1b]0;PWNED\\x07\\x1b[2J", shown);
        Assert.All(shown, c => Assert.False(char.IsControl(c)));
    }

    [Theory]
    [InlineData('\u0085')] // NEL: a line break to some terminals
    [InlineData('\u009b')] // CSI: an escape sequence in one byte
    [InlineData('\u009d')] // OSC
    [InlineData('\u0080')]
    [InlineData('\u009f')]
    public void C1ControlCharactersBecomeVisibleEscapes(char c) =>
        Assert.Equal($"x\\u{(int)c:x4}y", UntrustedText.ForTerminal($"x{c}y"));

    [Theory]
    [InlineData('\u202a')]
    [InlineData('\u202b')]
    [InlineData('\u202c')]
    [InlineData('\u202d')]
    [InlineData('\u202e')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    [InlineData('\u200e')]
    [InlineData('\u200f')]
    public void BidirectionalControlsAreShownSoTrojanSourceTextCannotReorderALine(char c) =>
        Assert.Equal($"a\\u{(int)c:x4}b", UntrustedText.ForTerminal($"a{c}b"));

    [Theory]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    public void UnicodeLineAndParagraphSeparatorsAreShown(char c) =>
        Assert.Equal($"a\\u{(int)c:x4}b", UntrustedText.ForTerminal($"a{c}b"));

    [Theory]
    [InlineData('\u200b')] // zero-width space
    [InlineData('\u2060')] // word joiner
    [InlineData('\ufeff')] // byte-order mark
    [InlineData('\u00ad')] // soft hyphen
    public void InvisibleFormatCharactersAreShown(char c) =>
        Assert.Equal($"a\\u{(int)c:x4}b", UntrustedText.ForTerminal($"a{c}b"));

    [Fact]
    public void AnInvisibleCharacterOutsideTheBasicPlaneIsShownWhole() =>
        Assert.Equal("tag\\U000e0041", UntrustedText.ForTerminal("tag\U000E0041"));

    [Fact]
    public void ALoneSurrogateIsShownInsteadOfBeingPassedOn() =>
        Assert.Equal("a\\ud800b", UntrustedText.ForTerminal("a\ud800b"));

    [Fact]
    public void NullAndEmptyBecomeEmpty()
    {
        Assert.Equal("", UntrustedText.ForTerminal(null));
        Assert.Equal("", UntrustedText.ForTerminal(""));
    }

    [Fact]
    public void LongTextIsCutToTheBoundWithAnEllipsis()
    {
        var shown = UntrustedText.ForTerminal(new string('a', 500), 20);

        Assert.Equal(20, shown.Length);
        Assert.Equal(new string('a', 19) + "…", shown);
    }

    [Fact]
    public void TextExactlyAtTheBoundIsNotCut() =>
        Assert.Equal("abcde", UntrustedText.ForTerminal("abcde", 5));

    [Fact]
    public void TheDefaultBoundHoldsForHostileFloods()
    {
        var shown = UntrustedText.ForTerminal(new string('\u001b', 10_000));

        Assert.InRange(shown.Length, UntrustedText.DefaultMaxLength - 4, UntrustedText.DefaultMaxLength);
        Assert.EndsWith("\\x1b…", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCutNeverSplitsAnEscapeOrASurrogatePair()
    {
        var escaped = UntrustedText.ForTerminal("abc\u001bdef", 6);
        var emoji = UntrustedText.ForTerminal("abcd🚀🚀🚀", 6);

        Assert.Equal("abc…", escaped);
        Assert.Equal("abcd…", emoji);
    }
}
