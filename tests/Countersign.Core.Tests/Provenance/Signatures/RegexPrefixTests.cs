using Countersign.Core.Provenance.Signatures;

namespace Countersign.Core.Tests.Provenance.Signatures;

public sealed class RegexPrefixTests
{
    [Theory]
    [InlineData(@"^https://claude\.ai/code/session_[a-z0-9]{8,}", "https://claude.ai/code/session_")]
    [InlineData(@"^https://(www\.)?cursor\.com/x", "https://")]
    [InlineData(@"^https://app\.devin\.ai/sessions/[0-9a-f]{8,}", "https://app.devin.ai/sessions/")]
    [InlineData(@"^ab?c", "a")]
    [InlineData(@"^ab*c", "a")]
    [InlineData(@"^ab{0,2}c", "a")]
    [InlineData(@"^ab+c", "ab")]
    [InlineData(@"^a\.?b", "a")]
    [InlineData(@"^crush(:|\s|$)", "crush")]
    [InlineData(@"^([0-9]+\+)?[a-z0-9-]+\[bot\]@users", null)]
    [InlineData(@"https://claude\.ai", null)]
    [InlineData(@"^abc|^xyz", null)]
    [InlineData(@"^abc[|]", "abc")]
    [InlineData(@"^ab[]|]c", "ab")]
    [InlineData(@"^abc\|d", "abc")]
    [InlineData(@"^Kelvin", null)]
    [InlineData(@"^", null)]
    public void TheLiteralPrefixIsWhatEveryMatchStartsWith(string pattern, string? expected)
    {
        Assert.Equal(expected, RegexPrefix.Literal(pattern));
    }

    [Fact]
    public void NoTextAShippedPatternMatchesIsRejectedByItsPrefix()
    {
        var patterns = SignatureCatalog.Default.Tools.SelectMany(t => t.Markers).Select(m => m.Pattern).OfType<string>().ToList();
        var texts = new List<string>();
        foreach (var pattern in patterns)
        {
            var prefix = RegexPrefix.Literal(pattern) ?? "";
            foreach (var tail in (string[])["", "abcdef0123456789", "0123456789abcdef-xyz", " opus", ":", "/pull/12/agent-sessions/0123abcd-ef"])
            {
                texts.Add(prefix + tail);
                texts.Add(prefix.ToUpperInvariant() + tail);
                texts.Add(prefix.Replace('k', '\u212A').Replace('s', '\u017F') + tail);
            }
        }

        texts.AddRange([
            "https://claude.ai/code/session_0123456789", "HTTPS://CLAUDE.AI/CODE/SESSION_ABCDEFGH12", "claude opus 4", "Claude Sonnet",
            "https://www.cursor.com/agents?id=bc-abcdef12", "crush", "Crush: yes", "https://chatgpt.com/codex/tasks/task_e_0123456789",
        ]);

        var checkedMatches = 0;
        foreach (var pattern in patterns)
        {
            var regex = SignatureMatcher.CompileRegex(pattern);
            var prefix = RegexPrefix.Literal(pattern);
            foreach (var text in texts.Where(t => regex.IsMatch(t)))
            {
                checkedMatches++;
                Assert.True(prefix is null || text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase), $"'{text}' matches {pattern} but not its prefix '{prefix}'");
            }
        }

        Assert.True(checkedMatches >= patterns.Count, $"only {checkedMatches} matches checked for {patterns.Count} patterns");
    }

    [Theory]
    [InlineData(@"^https://github\.com/[a-z0-9_.-]+/[a-z0-9_.-]+/pull/[0-9]+/agent-sessions/[0-9a-f-]{8,}", "https://github.com/|/pull/|/agent-sessions/")]
    [InlineData(@"^https://(www\.)?cursor\.com/(agents|background-agent)[/?][^ ]*bc-[0-9a-f]{6,}", "https://|cursor.com/|bc-")]
    [InlineData(@"^ab?cd", "cd")]
    [InlineData(@"^abc+de", "ab|de")]
    [InlineData(@"xy{2,3}zw", "zw")]
    [InlineData(@"ab\d+cd\.ef", "ab|cd.ef")]
    [InlineData(@"ab{x}cd", "")]
    [InlineData(@"abc|xyz", "")]
    [InlineData(@"(?x)ab # cd", "")]
    [InlineData(@"^Kelvin-work", "elvin-wor")]
    public void RequiredLiteralsAreWhatEveryMatchContains(string pattern, string expected)
    {
        Assert.Equal(expected, string.Join('|', RegexPrefix.Required(pattern)));
    }

    [Fact]
    public void NoTextAShippedPatternMatchesLacksOneOfItsRequiredLiterals()
    {
        var patterns = SignatureCatalog.Default.Tools.SelectMany(t => t.Markers).Select(m => m.Pattern).OfType<string>().ToList();
        var texts = new List<string>
        {
            "https://github.com/o/r/pull/12/agent-sessions/0123abcd-ef", "HTTPS://GITHUB.COM/O/R/PULL/12/AGENT-SESSIONS/0123ABCD",
            "https://github.com/o/r/pull/12/agent-\u017Fe\u017F\u017Fions/0123abcd-ef", "https://www.cursor.com/agents?id=bc-abcdef12",
            "https://cursor.com/background-agent/x/BC-ABCDEF", "https://github.com/copilot/tasks/pull/abc123", "https://app.factory.ai/sessions/abc_123",
            "https://jules.google.com/tasks/abcdef", "https://chatgpt.com/codex/tasks/task_e_0123456789", "https://ampcode.com/threads/t-0123abcd-ef",
        };
        var checkedMatches = 0;
        foreach (var pattern in patterns)
        {
            var regex = SignatureMatcher.CompileRegex(pattern);
            foreach (var text in texts.Where(t => regex.IsMatch(t)))
            {
                checkedMatches++;
                foreach (var literal in RegexPrefix.Required(pattern))
                {
                    Assert.True(text.Contains(literal, StringComparison.OrdinalIgnoreCase), $"'{text}' matches {pattern} but lacks '{literal}'");
                }
            }
        }

        Assert.True(checkedMatches >= 8, $"only {checkedMatches} matches checked");
    }
}
