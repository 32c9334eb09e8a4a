using Countersign.Core.Provenance;

namespace Countersign.Core.Tests.Provenance;

/// <summary>
/// Regressions from scanning real public histories (docs/real-histories.md): each row is the shape of a real
/// commit the scanner once got wrong.
/// </summary>
public sealed class ProvenanceClassifierRealHistoryTests
{
    [Theory]
    [InlineData("Refactor repo map\n\nCo-authored-by: aider (openai/gpt-4.1) <noreply@aider.chat>\n", "", "aider")]
    [InlineData("Fix sandbox\n\nCo-authored-by: OpenDevin <opendevin@opendevin.ai>\n", "", "openhands")]
    [InlineData("Add provider\n\n🤖 Generated with termai\nCo-Authored-By: termai <noreply@termai.io>\n", "", "crush")]
    [InlineData("Tidy task list\n\nCo-Authored-By: Claude Fable 5 <noreply@anthropic.com>\n\n🔮 View transcript: https://agentlogs.example/t/1\n", "", "claude-code")]
    [InlineData("Update docs\n\nCo-Authored-By: Claude Opus 4.6\nSigned-off-by: Jane Dev <jane@example.com>\n", "", "claude-code")]
    [InlineData("Retry flaky call\n\nCo-authored-by: gemini-cli[bot] <218312386+gemini-cli[bot]@users.noreply.github.com>\n", "", "gemini")]
    public void MarkersSeenInRealHistoriesAreRecognised(string message, string author, string tool)
    {
        var result = ClassifierHarness.Classify(message, author);

        Assert.Equal(ProvenanceStatus.Ai, result.Status);
        Assert.Contains(tool, result.Tools);
    }

    [Fact]
    public void AReleaseBotThatAlsoRunsAnAgentIsNotAiWhenItOnlyAuthorsARelease()
    {
        var result = ClassifierHarness.Classify(
            "chore(release): bump version to 0.7.0-nightly.20250918\n",
            "gemini-cli[bot] <218312386+gemini-cli[bot]@users.noreply.github.com>");

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
    }

    [Fact]
    public void AHumanCoAuthorNamedClaudeWithAnAddressIsNotAnAgent()
    {
        var result = ClassifierHarness.Classify("Pair on parser\n\nCo-authored-by: Claude Shannon <claude@bell-labs.example>\n");

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
    }
}
