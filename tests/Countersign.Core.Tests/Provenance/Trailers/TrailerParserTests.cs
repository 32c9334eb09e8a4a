using Countersign.Core.Provenance.Trailers;

namespace Countersign.Core.Tests.Provenance.Trailers;

public sealed class TrailerParserTests
{
    /// <summary>Tricky messages; each is parsed by git itself and by <see cref="TrailerParser"/>, which must agree.</summary>
    public static readonly TheoryData<string, string> OracleMessages = new()
    {
        { "subject only", "Fix the thing\n" },
        { "a trailer as the only line is a title", "Signed-off-by: A U Thor <a@example.com>\n" },
        { "a trailer right under the subject is still the title", "Fix it\nCo-authored-by: X <x@example.com>\n" },
        { "sign-off after a blank line", "Fix it\n\nSigned-off-by: A U Thor <a@example.com>\n" },
        { "co-author in the last paragraph", "Fix it\n\nBody text.\n\nCo-authored-by: Claude <noreply@anthropic.com>\n" },
        { "mixed paragraph without a git prefix", "Fix it\n\nSome text\nCo-authored-by: X <x@example.com>\n" },
        { "sign-off makes 25 percent enough", "Fix it\n\nline one\nline two\nline three\nSigned-off-by: A <a@example.com>\n" },
        { "below 25 percent even with sign-off", "Fix it\n\nl1\nl2\nl3\nl4\nSigned-off-by: A <a@example.com>\n" },
        { "continuation lines fold into the value", "Fix it\n\nKey: value\n  continued here\n\tand here\nOther: x\n" },
        { "cherry-pick line is recognized but not printed", "Fix it\n\nbody\n\n(cherry picked from commit 0123456789abcdef)\nSigned-off-by: A <a@example.com>\n" },
        { "a URL line looks like a trailer", "Fix it\n\nbody\n\nhttps://example.com/x: y\nSee: #12\n" },
        { "blanks before the colon", "Fix it\n\nbody\n\nKey : value\nOther\t: tabbed\n" },
        { "spaces inside the key", "Fix it\n\nbody\n\nNot a trailer because: spaces\n" },
        { "trailing blank lines and comments", "Fix it\n\nbody\n\nAcked-by: a\n\n# comment\n\n" },
        { "dash rule directly before trailers", "Fix it\n\nbody\n---\nCo-authored-by: X <x@example.com>\n" },
        { "github squash with a rule paragraph", "Fix it (#12)\n\n* one\n\n* two\n\n---------\n\nCo-authored-by: Claude <noreply@anthropic.com>\n" },
        { "patch divider before trailers", "Fix it\n\nbody\n\n---\n\nCo-authored-by: Claude <noreply@anthropic.com>\n" },
        { "patch after trailers", "Fix it\n\nbody\n\nSigned-off-by: A <a@example.com>\n---\n a.c | 2 +-\n" },
        { "CRLF line endings", "Fix it\r\n\r\nbody\r\n\r\nCo-authored-by: Claude <noreply@anthropic.com>\r\nSigned-off-by: A <a@example.com>\r\n" },
        { "CRLF with continuation", "Fix it\r\n\r\nbody\r\n\r\nKey: value\r\n  more\r\nOther: x\r\n" },
        { "non-ASCII key is not a token", "Fix it\n\nbody\n\nRevisé-par: x\nKey: v\n" },
        { "empty value", "Fix it\n\nbody\n\nKey:\nOther: v\n" },
        { "comment inside the block", "Fix it\n\nbody\n\nA: 1\n# c\nB: 2\n" },
        { "old conflicts block", "Fix it\n\nbody\n\nSigned-off-by: A <a@example.com>\n\nConflicts:\n\tfile.c\n\tother.c\n" },
        { "scissors cut line", "Fix it\n\nbody\n\nAcked-by: a\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n" },
        { "squash body with trailers in the middle", "Squash (#9)\n\n* first\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n* second\n\nplain text at the end\n" },
        { "no final newline", "Fix it\n\nbody\n\nCo-authored-by: X <x@example.com>" },
        { "indented first line of block", "Fix it\n\nbody\n\n  indented: x\nKey: v\n" },
        { "continuation with no trailer before it", "Fix it\n\n  cont\nKey: v\n" },
        { "empty message", "" },
        { "leading blank line", "\nKey: v\n" },
        { "tab after the colon", "Fix it\n\nbody\n\nKey:\tvalue\twith tab\n" },
        { "trailers then a normal last paragraph", "Fix it\n\nSigned-off-by: A <a@example.com>\n\nlast paragraph\n" },
        { "digits and dashes in keys", "Fix it\n\nbody\n\nX-Ai-2: yes\n-lead: dash\n" },
        { "sign-off without a space is not a recognized prefix", "Fix it\n\nl1\nl2\nSigned-off-by:A\n" },
        { "whitespace-only separator line", "Fix it\n\nbody\n   \nKey: v\n" },
        { "continuations count as text without a trailer", "Fix it\n\ntext\n  more\n  more\n  more\nSigned-off-by: A <a@example.com>\n" },
        { "colon first on a line", "Fix it\n\nbody\n\n: value\nKey: v\n" },
        { "comment lines only after the subject", "Fix it\n# c1\n# c2\n\nKey: v\n" },
    };

    [Theory]
    [MemberData(nameof(OracleMessages))]
    public void ParsingAgreesWithGitInterpretTrailersWithoutDivider(string name, string message)
    {
        var expected = GitInterpretTrailers.Parse(message, noDivider: true);
        var actual = TrailerParser.Parse(message).Select(t => t.ToString()).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{name}: git said [{string.Join(" | ", expected)}], parser said [{string.Join(" | ", actual)}]");
    }

    [Theory]
    [MemberData(nameof(OracleMessages))]
    public void ParsingAgreesWithGitInterpretTrailersWithPatchDivider(string name, string message)
    {
        var expected = GitInterpretTrailers.Parse(message, noDivider: false);
        var actual = TrailerParser.Parse(message, stopAtPatchDivider: true).Select(t => t.ToString()).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{name}: git said [{string.Join(" | ", expected)}], parser said [{string.Join(" | ", actual)}]");
    }

    [Fact]
    public void TheGitOracleReallyReportsTrailers()
    {
        Assert.Equal(["Co-authored-by: Claude <noreply@anthropic.com>"], GitInterpretTrailers.Parse("Fix\n\nbody\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", noDivider: true));
    }

    [Fact]
    public void TrailersCarryTheirOneBasedLineNumbers()
    {
        var trailers = TrailerParser.Parse("Fix it\n\nbody\n\nKey: value\n  more\nOther: x\n");

        Assert.Equal([new Trailer("Key", "value more", 5), new Trailer("Other", "x", 7)], trailers);
    }

    [Fact]
    public void ACommitMessageRuleLineDoesNotHideTheTrailersBelowIt()
    {
        const string message = "Fix it\n\nbody\n\n---\n\nCo-authored-by: Claude <noreply@anthropic.com>\n";

        Assert.Single(TrailerParser.Parse(message));
        Assert.Empty(TrailerParser.Parse(message, stopAtPatchDivider: true));
    }

    [Fact]
    public void AMegabyteMessageIsParsedInLinearTime()
    {
        var body = string.Concat(Enumerable.Repeat("a line of ordinary body text: with a colon\n", 25_000));
        var message = "Subject\n\n" + body + "\nSigned-off-by: A <a@example.com>\n";

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var trailers = TrailerParser.Parse(message);

        Assert.Single(trailers);
    }
}
