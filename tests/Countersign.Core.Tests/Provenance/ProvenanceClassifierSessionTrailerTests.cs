using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

/// <summary>
/// Class 1 of the recall misses on unseen histories: a trailer whose key is a known tool plus a session, thread,
/// conversation, chat, task or run suffix (<c>&lt;Tool&gt;-Session: &lt;id&gt;</c>). Identifiers are invented.
/// </summary>
public sealed class ProvenanceClassifierSessionTrailerTests
{
    public static readonly TheoryData<string, string> SessionTrailers = new()
    {
        { "Claude-Session: 01HZX4Q8R2", "claude-code" },
        { "Claude-Code-Session-Id: 7f3c2a91-0b4e-4d6a-9c1e-2a5b8e0f1d34", "claude-code" },
        { "Cursor-Thread: bc-5e2f9a10-44aa", "cursor" },
        { "Cursor-Agent-Run-Id: run-8841a2", "cursor" },
        { "Codex-Conversation: 68a1c0ffee42", "codex" },
        { "Codex-Task: task_e_68b2f0a1c3", "codex" },
        { "Amp-Thread: T-3fa85f64-5717-4562", "amp" },
        { "Devin-Session: 9d8e7f6a5b4c3d2e", "devin" },
        { "Devin-Session-URL: https://app.devin.ai/sessions/9d8e7f6a5b4c", "devin" },
        { "Jules-Task-Id: 15310490098518802366", "jules" },
        { "Copilot-Chat-Id: 4c1d9e22-aa01", "copilot" },
        { "Gemini-CLI-Session: s-20260105-0930", "gemini" },
        { "OpenHands-Conversation-Id: 0a1b2c3d4e5f", "openhands" },
        { "Factory-Droid-Session: fd-220781", "factory" },
        { "Aider-Chat: 2026-01-05-0930", "aider" },
    };

    [Theory]
    [MemberData(nameof(SessionTrailers))]
    public void AToolSessionTrailerInTheTrailerBlockCounts(string trailer, string tool)
    {
        var result = Classify($"Fix the parser\n\nHandle empty input.\n\n{trailer}\nSigned-off-by: Alice Human <alice@example.com>\n");

        Assert.True(result.Status == ProvenanceStatus.Ai, $"{trailer}: {result.Status} ({string.Join("; ", result.Evidence)})");
        Assert.Equal([tool], result.Tools);
        Assert.Contains(result.Evidence, e => e.Kind == EvidenceKind.Trailer && e.Tool == tool && e.Confidence == 0.9);
    }

    public static readonly TheoryData<string, string> Mentions = new()
    {
        { "the session only in the subject", "Claude-Session: 01HZX4Q8R2 crashed on resume\n" },
        { "prose in the body", "Fix resume\n\nThe Claude session crashed when the Cursor thread 42 was resumed.\n" },
        { "session trailer in a middle paragraph", "Fix\n\nClaude-Session: 01HZX4Q8R2\n\nWe then reverted it.\n" },
        { "session trailer quoted", "Revert\n\n> Claude-Session: 01HZX4Q8R2\n" },
        { "session trailer in a code block", "Document trailers\n\n```\nCursor-Thread: bc-5e2f9a10-44aa\n```\n" },
        { "session key with no identifier", "Fix\n\nClaude-Session: local-notes\n" },
        { "session key with a placeholder", "Fix\n\nCodex-Task: n/a\n" },
        { "generic word, not a tool", "Fix\n\nAI-Session: 01HZX4Q8R2\n" },
        { "unknown tool", "Fix\n\nJenkins-Run-Id: 4411\n" },
        { "suffix without a tool", "Fix\n\nSession-Id: 01HZX4Q8R2\nRun-Id: 4411\n" },
        { "tool word inside a longer key", "Fix\n\nX-Cursor-Sessions: 12345678\n" },
    };

    [Theory]
    [MemberData(nameof(Mentions))]
    public void ASessionWordOutsideATrailerKeyIsNotEvidence(string row, string message)
    {
        var result = Classify(message);

        Assert.True(result.Status == ProvenanceStatus.Unknown && result.Evidence.Count == 0,
            $"{row}: got {result.Status} with {string.Join("; ", result.Evidence)}");
    }

    [Fact]
    public void ASessionTrailerInTheLastParagraphGitRejectsCountsWithTheTailFactor()
    {
        var result = Classify("Fix\n\nFixes GH-12\nCursor-Thread: bc-5e2f9a10-44aa\n");

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal("cursor", evidence.Tool);
        Assert.Equal(0.81, evidence.Confidence);
    }
}
