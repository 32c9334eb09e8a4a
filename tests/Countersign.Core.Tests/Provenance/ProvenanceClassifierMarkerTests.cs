using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

/// <summary>One row per shipped marker, with the exact identity or line a tool writes.</summary>
public sealed class ProvenanceClassifierMarkerTests
{
    private const string Body = "Add retry to the upload client\n\nRetries transient failures three times.\n";

    public static readonly TheoryData<string, string, string, string, ProvenanceStatus, string> Markers = new()
    {
        // claude-code
        { "claude co-author trailer", "", "", Body + "\nCo-Authored-By: Claude <noreply@anthropic.com>\n", ProvenanceStatus.Ai, "claude-code" },
        { "claude co-author with model name", "", "", Body + "\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n", ProvenanceStatus.Ai, "claude-code" },
        { "claude author", "Claude <noreply@anthropic.com>", Human, Body, ProvenanceStatus.Ai, "claude-code" },
        { "claude github app author", "claude[bot] <209825114+claude[bot]@users.noreply.github.com>", "", Body, ProvenanceStatus.Ai, "claude-code" },
        { "claude session trailer", "", "", Body + "\nClaude-Session: https://claude.ai/code/session_01AbCdEf\n", ProvenanceStatus.Ai, "claude-code" },
        { "claude footer claude.ai", "", "", Body + "\n🤖 Generated with [Claude Code](https://claude.ai/code)\n", ProvenanceStatus.Ai, "claude-code" },
        { "claude footer claude.com", "", "", Body + "\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n", ProvenanceStatus.Ai, "claude-code" },
        { "claude plain footer", "", "", Body + "\nGenerated with Claude Code\n", ProvenanceStatus.Ai, "claude-code" },
        { "claude footer then co-author", "", "", Body + "\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", ProvenanceStatus.Ai, "claude-code" },
        // copilot
        { "copilot agent author", "Copilot <198982749+Copilot@users.noreply.github.com>", WebFlow, Body, ProvenanceStatus.Ai, "copilot" },
        { "copilot swe agent co-author", "", "", Body + "\nCo-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>\n", ProvenanceStatus.Ai, "copilot" },
        { "copilot swe agent bot login", "copilot-swe-agent[bot] <198982749+copilot-swe-agent[bot]@users.noreply.github.com>", "", Body, ProvenanceStatus.Ai, "copilot" },
        { "copilot cli co-author", "", "", Body + "\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n", ProvenanceStatus.Ai, "copilot" },
        { "copilot review suggestion", "", "", Body + "\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "copilot" },
        { "copilot autofix", "", "", Body + "\nCo-authored-by: Copilot Autofix powered by AI <62310815+github-advanced-security[bot]@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "copilot" },
        // cursor
        { "cursor agent co-author", "", "", Body + "\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n", ProvenanceStatus.Ai, "cursor" },
        { "cursor co-author", "", "", Body + "\nCo-authored-by: Cursor <cursoragent@cursor.com>\n", ProvenanceStatus.Ai, "cursor" },
        { "cursor agent author", "Cursor Agent <cursoragent@cursor.com>", "", Body, ProvenanceStatus.Ai, "cursor" },
        { "made-with trailer", "", "", Body + "\nMade-with: Cursor\n", ProvenanceStatus.Ai, "cursor" },
        { "made with cursor footer", "", "", Body + "\nMade with [Cursor](https://cursor.com)\n", ProvenanceStatus.Ai, "cursor" },
        { "cursor bugbot review bot", "", "", Body + "\nCo-authored-by: cursor[bot] <206951365+cursor[bot]@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "cursor" },
        // aider
        { "aider author and committer", "Paul Gauthier (aider) <paul@example.com>", "Paul Gauthier (aider) <paul@example.com>", Body, ProvenanceStatus.Ai, "aider" },
        { "aider author only", "Paul Gauthier (aider) <paul@example.com>", "Paul Gauthier <paul@example.com>", Body, ProvenanceStatus.Ai, "aider" },
        { "aider subject prefix", "", "", "aider: Added retry to the upload client\n", ProvenanceStatus.Ai, "aider" },
        { "aider co-author", "", "", Body + "\nCo-authored-by: aider (anthropic/claude-sonnet-4) <aider@aider.chat>\n", ProvenanceStatus.Ai, "aider" },
        { "aider old co-author", "", "", Body + "\nCo-authored-by: aider (gpt-4o) <noreply@aider.dev>\n", ProvenanceStatus.Ai, "aider" },
        // codex
        { "codex co-author", "", "", Body + "\nCo-authored-by: Codex <noreply@openai.com>\n", ProvenanceStatus.Ai, "codex" },
        { "codex alternate address", "", "", Body + "\nCo-authored-by: Codex <codex@openai.com>\n", ProvenanceStatus.Ai, "codex" },
        { "codex connector bot", "", "", Body + "\nCo-authored-by: chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>\n", ProvenanceStatus.Ai, "codex" },
        // devin
        { "devin author", "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>", "", Body, ProvenanceStatus.Ai, "devin" },
        { "devin co-author", "", "", Body + "\nCo-Authored-By: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>\n", ProvenanceStatus.Ai, "devin" },
        // jules
        { "jules author", "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>", "", Body, ProvenanceStatus.Ai, "jules" },
        { "jules co-author", "", "", Body + "\nCo-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>\n", ProvenanceStatus.Ai, "jules" },
        // gemini
        { "gemini co-author convention", "", "", Body + "\nCo-Authored-By: Gemini <noreply@google.com>\n", ProvenanceStatus.Ai, "gemini" },
        { "gemini cli app co-author", "", "", Body + "\nCo-authored-by: gemini-cli[bot] <218195315+gemini-cli[bot]@users.noreply.github.com>\n", ProvenanceStatus.Ai, "gemini" },
        { "gemini code assist review bot", "", "", Body + "\nCo-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "gemini" },
        // openhands
        { "openhands co-author", "", "", Body + "\nCo-authored-by: openhands <openhands@all-hands.dev>\n", ProvenanceStatus.Ai, "openhands" },
        { "openhands resolver author", "OpenHands <opendevin@all-hands.dev>", "", Body, ProvenanceStatus.Ai, "openhands" },
        { "openhands agent account", "openhands-agent <12345+openhands-agent@users.noreply.github.com>", "", Body, ProvenanceStatus.Ai, "openhands" },
        // amp
        { "amp co-author", "", "", Body + "\nCo-authored-by: Amp <amp@ampcode.com>\n", ProvenanceStatus.Ai, "amp" },
        { "amp thread id", "", "", Body + "\nAmp-Thread-ID: https://ampcode.com/threads/T-5d1f0a4e-1b2c-4d3e-8f90-123456789abc\nCo-authored-by: Amp <amp@ampcode.com>\n", ProvenanceStatus.Ai, "amp" },
        { "amp thread id alone", "", "", Body + "\nAmp-Thread-ID: https://ampcode.com/threads/T-5d1f0a4e\n", ProvenanceStatus.Ai, "amp" },
        { "amp thread url", "", "", Body + "\nAmp-Thread: https://ampcode.com/threads/T-5d1f0a4e\n", ProvenanceStatus.Ai, "amp" },
        // crush
        { "crush assisted-by", "", "", Body + "\nAssisted-by: Crush:claude-sonnet-4\n", ProvenanceStatus.Ai, "crush" },
        { "crush footer", "", "", Body + "\n💘 Generated with Crush\n", ProvenanceStatus.Ai, "crush" },
        { "crush co-author", "", "", Body + "\nCo-Authored-By: Crush <crush@charm.land>\n", ProvenanceStatus.Ai, "crush" },
        // opencode
        { "opencode co-author", "", "", Body + "\nCo-Authored-By: opencode <noreply@opencode.ai>\n", ProvenanceStatus.Ai, "opencode" },
        { "opencode footer", "", "", Body + "\n🤖 Generated with [opencode](https://opencode.ai)\n", ProvenanceStatus.Ai, "opencode" },
        // qwen-code
        { "qwen coder co-author", "", "", Body + "\nCo-authored-by: Qwen-Coder <qwen-coder@alibabacloud.com>\n", ProvenanceStatus.Ai, "qwen-code" },
        { "qwen alibaba co-author", "", "", Body + "\nCo-Authored-By: Qwen <noreply@alibaba.com>\n", ProvenanceStatus.Ai, "qwen-code" },
        { "qwen code footer", "", "", Body + "\n🤖 Generated with [Qwen Code](https://github.com/QwenLM/qwen-code)\n", ProvenanceStatus.Ai, "qwen-code" },
        // factory, warp, amazon-q, sweep
        { "factory droid co-author", "", "", Body + "\nCo-authored-by: factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>\n", ProvenanceStatus.Ai, "factory" },
        { "warp agent", "", "", Body + "\nCo-Authored-By: Warp <agent@warp.dev>\n", ProvenanceStatus.Ai, "warp" },
        { "warp oz agent", "Oz <oz-agent@warp.dev>", "", Body, ProvenanceStatus.Ai, "warp" },
        { "amazon q developer", "amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>", "", Body, ProvenanceStatus.Ai, "amazon-q" },
        { "sweep", "sweep-ai[bot] <128439645+sweep-ai[bot]@users.noreply.github.com>", "", Body, ProvenanceStatus.Ai, "sweep" },
        // AI review bots outside the vocabulary
        { "coderabbit suggestion", "", "", Body + "\nCo-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "other-ai" },
        { "greptile suggestion", "", "", Body + "\nCo-authored-by: greptile-apps[bot] <165735046+greptile-apps[bot]@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "other-ai" },
        { "ellipsis suggestion", "", "", Body + "\nCo-authored-by: ellipsis-dev[bot] <65095814+ellipsis-dev[bot]@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "other-ai" },
        // identities compare case-insensitively and in the old no-reply form
        { "upper-case e-mail", "", "", Body + "\nCo-Authored-By: Claude <NoReply@Anthropic.com>\n", ProvenanceStatus.Ai, "claude-code" },
        { "no-reply without numeric id", "", "", Body + "\nCo-authored-by: coderabbitai[bot] <coderabbitai[bot]@users.noreply.github.com>\n", ProvenanceStatus.AiSuggested, "other-ai" },
    };

    [Theory]
    [MemberData(nameof(Markers))]
    public void EveryShippedMarkerIsDetectedWithItsStatusAndTool(string row, string author, string committer, string message, ProvenanceStatus status, string tool)
    {
        var result = Classify(message, author, committer);

        Assert.True(status == result.Status, $"{row}: expected {status}, got {result.Status} ({string.Join("; ", result.Evidence)})");
        Assert.Equal([tool], result.Tools);
        Assert.All(result.Evidence, e => Assert.True(e.Text.Length <= Countersign.Core.Provenance.Evidence.MaxTextLength));
    }

    [Fact]
    public void ACommitterOnlyAiderNameIsWeakEvidenceThatDecidesNothing()
    {
        var result = Classify(Body, "Paul Gauthier <paul@example.com>", "Paul Gauthier (aider) <paul@example.com>");

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
        Assert.Empty(result.Tools);
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal((EvidenceKind.Committer, "aider", 0.3, ProvenanceStatus.Unknown), (evidence.Kind, evidence.Tool, evidence.Confidence, evidence.Implies));
    }

    [Fact]
    public void CopilotAgentEvidenceNamesTheAuthorNotTheWebFlowCommitter()
    {
        var result = Classify(Body, "Copilot <198982749+Copilot@users.noreply.github.com>", WebFlow);

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(EvidenceKind.Author, evidence.Kind);
        Assert.Equal("Copilot <198982749+Copilot@users.noreply.github.com>", evidence.Text);
    }

    [Fact]
    public void GeminiNeedsItsNameOnGooglesNoReplyAddress()
    {
        Assert.Equal(ProvenanceStatus.Unknown, Classify(Body + "\nCo-authored-by: Google <noreply@google.com>\n").Status);
    }
}
