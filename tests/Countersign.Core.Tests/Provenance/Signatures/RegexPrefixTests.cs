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
}
