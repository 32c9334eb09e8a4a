using Countersign.Core.Provenance.Lines;

namespace Countersign.Core.Tests.Provenance.Lines;

public sealed class ToolNamesTests
{
    [Theory]
    [InlineData("claude", "claude-code")]
    [InlineData("claude-code", "claude-code")]
    [InlineData("claude_code", "claude-code")]
    [InlineData("Claude Code", "claude-code")]
    [InlineData("github-copilot", "copilot")]
    [InlineData("copilot", "copilot")]
    [InlineData("copilot-swe-agent[bot]", "copilot")]
    [InlineData("cursor", "cursor")]
    [InlineData("codex", "codex")]
    [InlineData("openai-codex", "codex")]
    [InlineData("gemini", "gemini")]
    [InlineData("gemini-cli", "gemini")]
    [InlineData("droid", "factory")]
    [InlineData("amp", "amp")]
    [InlineData("opencode", "opencode")]
    [InlineData("cursor-ide-2.4", "cursor")]
    [InlineData("windsurf", "other-ai")]
    [InlineData("claude-dev", "other-ai")]
    public void KnownToolNamesMapOntoTheCatalogIds(string raw, string expected) =>
        Assert.Equal(expected, ToolNames.Normalize(raw, null));

    [Fact]
    public void AModelAloneNeverIdentifiesTheTool()
    {
        Assert.Equal("other-ai", ToolNames.Normalize(null, "anthropic/claude-opus-4-5"));
        Assert.Equal("other-ai", ToolNames.Normalize("unknown", "claude-opus-4"));
        Assert.Equal("cursor", ToolNames.Normalize("cursor", "anthropic/claude-opus-4-5"));
    }

    [Fact]
    public void NothingKnownGivesNull()
    {
        Assert.Null(ToolNames.Normalize(null, null));
        Assert.Null(ToolNames.Normalize(" ", ""));
        Assert.Null(ToolNames.Normalize("unknown", null));
    }

    [Fact]
    public void EveryResultIsInTheVocabulary()
    {
        foreach (var raw in new[] { "claude", "copilot", "aider", "devin-ai-integration[bot]", "google-labs-jules", "qwen", "oz", "amazon-q-developer", "sweep-ai", "crush", "openhands", "x" })
        {
            Assert.Contains(ToolNames.Normalize(raw, null)!, ToolNames.All);
        }
    }
}
