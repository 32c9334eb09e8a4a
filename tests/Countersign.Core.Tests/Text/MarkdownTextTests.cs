using Countersign.Core.Text;

namespace Countersign.Core.Tests.Text;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("[click](https://evil.test)", "\\[click\\]\\(https\\://evil\\.test\\)")]
    [InlineData("![img](x.png)", "\\!\\[img\\]\\(x\\.png\\)")]
    [InlineData("**bold** _it_ `code` ~~gone~~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~")]
    [InlineData("# heading", "\\# heading")]
    [InlineData("- item | cell", "\\- item \\| cell")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("Ana Senior", "Ana Senior")]
    public void MarkdownPunctuationIsShownNotActedOn(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));

    [Fact]
    public void HtmlTagsAndEntitiesAreShownAsText()
    {
        var escaped = MarkdownText.Escape("<img src=x onerror=alert(1)> &lt; <!-- -->");

        Assert.DoesNotContain('<', escaped);
        Assert.DoesNotContain('>', escaped);
        Assert.StartsWith("&lt;img src\\=x onerror\\=alert\\(1\\)&gt; &amp;lt; &lt;\\!\\-\\- \\-\\-&gt;", escaped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@everyone look", "＠everyone look")]
    [InlineData("cc @acme/security-team", "cc ＠acme/security\\-team")]
    [InlineData("(@ana)", "\\(＠ana\\)")]
    [InlineData("fixes #12 and acme/shop#3", "fixes ＃12 and acme/shop＃3")]
    public void MentionsAndIssueReferencesPingNobody(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));

    [Fact]
    public void AnEmailAddressKeepsItsAtSign() =>
        Assert.Equal("ana@example\\.com", MarkdownText.Escape("ana@example.com"));

    [Fact]
    public void ControlAndInvisibleCharactersAreRemovedAndLineBreaksBecomeSpaces()
    {
        var escaped = MarkdownText.Escape("red\u001b[31m\nline\r\ntwo\u202egnp.exe\u200b\u2028end");

        Assert.Equal("red\\[31m line  twognp\\.exe end", escaped);
    }

    [Fact]
    public void TheTextIsBoundedBeforeItIsEscapedSoNoEscapeIsCutInHalf()
    {
        var escaped = MarkdownText.Escape(new string('\\', 300), 5);

        Assert.Equal("\\\\\\\\\\\\\\\\…", escaped);
        Assert.Equal("aaaa…", MarkdownText.Escape(new string('a', 300), 5));
        Assert.Equal("&lt;&lt;&lt;&lt;…", MarkdownText.Escape(new string('<', 300), 5));
    }

    [Fact]
    public void ASurrogatePairIsNeverSplitByTheBound()
    {
        var escaped = MarkdownText.Escape("ab😀😀😀", 4);

        Assert.Equal("ab…", escaped);
    }

    [Theory]
    [InlineData("ana", "@ana")]
    [InlineData("ben-boss", "@ben-boss")]
    [InlineData("mo.mid", "@mo.mid")]
    public void AWellFormedLoginIsMentionedOnPurpose(string login, string expected) =>
        Assert.Equal(expected, MarkdownText.Mention(login));

    [Theory]
    [InlineData("ana](https://evil.test)")]
    [InlineData("-ana")]
    [InlineData("ana bob")]
    [InlineData("dependabot[bot]")]
    public void AnythingElseNamedAsALoginIsEscapedAndMentionsNobody(string login)
    {
        var shown = MarkdownText.Mention(login);

        Assert.DoesNotContain('@', shown);
        Assert.DoesNotContain("](", shown, StringComparison.Ordinal);
    }
}
