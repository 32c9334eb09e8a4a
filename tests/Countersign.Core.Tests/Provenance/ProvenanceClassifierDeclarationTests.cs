using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

/// <summary>Kernel-style and free-form naming trailers, and explicit human declarations.</summary>
public sealed class ProvenanceClassifierDeclarationTests
{
    private const string Subject = "Fix overflow in ring buffer\n\nUse size_t for the head index.\n\n";

    public static readonly TheoryData<string, string, ProvenanceStatus, string?> NamingTrailers = new()
    {
        { "kernel agent and model", "Assisted-by: Claude:Opus-4.8", ProvenanceStatus.Ai, "claude-code" },
        { "kernel agent, model and tools", "Assisted-by: Claude:claude-3-opus coccinelle sparse", ProvenanceStatus.Ai, "claude-code" },
        { "kernel with versioned agent", "Assisted-by: Claude Code CLI 2.1.150:opus-4-7", ProvenanceStatus.Ai, "claude-code" },
        { "kernel codex", "Assisted-by: Codex CLI 0.133.0:GPT-5.5", ProvenanceStatus.Ai, "codex" },
        { "fedora free-form tool", "Assisted-by: Claude Code (claude-opus-5)", ProvenanceStatus.Ai, "claude-code" },
        { "tool with a model", "Assisted-by: Cursor with claude-4-sonnet", ProvenanceStatus.Ai, "cursor" },
        { "model via tool", "Assisted-by: Claude Sonnet 4 via Cursor", ProvenanceStatus.Ai, "cursor" },
        { "github copilot", "Assisted-by: GitHub Copilot", ProvenanceStatus.Ai, "copilot" },
        { "gemini model", "Assisted-by: Gemini 2.5 Pro", ProvenanceStatus.Ai, "gemini" },
        { "chatgpt", "Assisted-by: ChatGPT", ProvenanceStatus.Ai, "other-ai" },
        { "gpt-4", "Generated-by: GPT-4", ProvenanceStatus.Ai, "other-ai" },
        { "gpt4o without dash", "Assisted-by: gpt4o", ProvenanceStatus.Ai, "other-ai" },
        { "an llm", "Assisted-by: an LLM", ProvenanceStatus.Ai, "other-ai" },
        { "openai codex names codex", "Generated-by: OpenAI Codex", ProvenanceStatus.Ai, "codex" },
        { "model in angle brackets is not an e-mail", "Assisted-by: OpenCode.ai <Opus 4.6>", ProvenanceStatus.Ai, "opencode" },
        { "link to an llm policy", "Assisted-by: https://github.com/cgwalters/cgwalters#llms", ProvenanceStatus.Ai, "other-ai" },
        { "identity in assisted-by", "Assisted-by: Cursor <cursoragent@cursor.com>", ProvenanceStatus.Ai, "cursor" },
        { "co-developed-by an ai identity", "Co-developed-by: Claude <noreply@anthropic.com>", ProvenanceStatus.Ai, "claude-code" },
        { "co-developed-by an ai name", "Co-developed-by: Claude Code", ProvenanceStatus.Ai, "claude-code" },
        { "ai-assisted yes", "AI-Assisted: yes", ProvenanceStatus.Ai, "other-ai" },
        { "ai-assisted naming a tool", "AI-Assisted: Claude Code", ProvenanceStatus.Ai, "claude-code" },
        { "ai-tool trailer", "AI-Tool: Gemini", ProvenanceStatus.Ai, "gemini" },
        { "ai-assisted no", "AI-Assisted: no", ProvenanceStatus.HumanDeclared, null },
        { "ai-assisted false", "AI-Assisted: false", ProvenanceStatus.HumanDeclared, null },
        { "assisted-by none", "Assisted-by: none", ProvenanceStatus.HumanDeclared, null },
        { "generated-by human", "Generated-by: human", ProvenanceStatus.HumanDeclared, null },
        { "assisted-by a person", "Assisted-by: Jane Doe <jane@example.com>", ProvenanceStatus.Unknown, null },
        { "co-developed-by a person", "Co-developed-by: Jane Doe <jane@example.com>", ProvenanceStatus.Unknown, null },
    };

    [Theory]
    [MemberData(nameof(NamingTrailers))]
    public void NamingTrailersGiveTheNamedToolOrADeclaration(string row, string trailer, ProvenanceStatus status, string? tool)
    {
        var result = Classify(Subject + trailer + "\nSigned-off-by: Alice Human <alice@example.com>\n");

        Assert.True(status == result.Status, $"{row}: expected {status}, got {result.Status} ({string.Join("; ", result.Evidence)})");
        Assert.Equal(tool is null ? [] : [tool], result.Tools);
    }

    public static readonly TheoryData<string, string, ProvenanceStatus> Sentences = new()
    {
        { "alone on a line", "Fix\n\nNo AI was used.\n", ProvenanceStatus.HumanDeclared },
        { "without a full stop", "Fix\n\nRewrote the loop.\n\nNo AI was used\n", ProvenanceStatus.HumanDeclared },
        { "tools variant", "Fix\n\nNo AI tools were used.\n", ProvenanceStatus.HumanDeclared },
        { "written without", "Fix\n\nWritten without AI assistance.\n", ProvenanceStatus.HumanDeclared },
        { "after another sentence", "Fix\n\nRefactored the parser by hand. No AI was used.\n", ProvenanceStatus.HumanDeclared },
        { "before another sentence", "Fix\n\nNo AI was used. Tests pass locally.\n", ProvenanceStatus.HumanDeclared },
        { "checked box", "Fix\n\n- [x] No AI was used\n- [ ] Docs updated\n", ProvenanceStatus.HumanDeclared },
        { "bullet", "Fix\n\n- No AI was used.\n", ProvenanceStatus.HumanDeclared },
        { "unchecked box", "Fix\n\n- [ ] No AI was used\n", ProvenanceStatus.Unknown },
        { "quoted in a sentence", "Fix\n\nRemove \"No AI was used\" from the PR template.\n", ProvenanceStatus.Unknown },
        { "quote block", "Fix\n\n> No AI was used.\n", ProvenanceStatus.Unknown },
        { "continued sentence", "Fix\n\nNo AI was used by the fixture generator, but the code is new.\n", ProvenanceStatus.Unknown },
        { "in a code block", "Docs\n\n```\nNo AI was used.\n```\n", ProvenanceStatus.Unknown },
        { "in the subject", "No AI was used\n", ProvenanceStatus.Unknown },
        { "ai evidence wins", "Fix\n\nNo AI was used.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", ProvenanceStatus.Ai },
        { "crlf", "Fix\r\n\r\nNo AI was used.\r\n", ProvenanceStatus.HumanDeclared },
        { "any letter case", "Fix\n\nno ai WAS Used.\n", ProvenanceStatus.HumanDeclared },
        { "after a long body", "Fix\n\n" + string.Concat(Enumerable.Repeat("Reworded the retry loop by hand.\n", 400)) + "No AI was used.\n", ProvenanceStatus.HumanDeclared },
        { "no sentence in a long body", "Fix\n\n" + string.Concat(Enumerable.Repeat("No AI review was requested.\n", 400)), ProvenanceStatus.Unknown },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void ADeclarationSentenceCountsOnlyWhenItStandsAlone(string row, string message, ProvenanceStatus status)
    {
        var result = Classify(message);

        Assert.True(status == result.Status, $"{row}: expected {status}, got {result.Status} ({string.Join("; ", result.Evidence)})");
    }

    [Fact]
    public void ADeclarationIsEvidenceWithoutATool()
    {
        var evidence = Assert.Single(Classify("Fix\n\nAI-Assisted: no\n").Evidence);

        Assert.Equal(new Evidence(EvidenceKind.Trailer, null, "AI-Assisted: no", 0.9, ProvenanceStatus.HumanDeclared), evidence);
    }
}
