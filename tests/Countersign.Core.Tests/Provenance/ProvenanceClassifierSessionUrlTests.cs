using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

/// <summary>
/// Class 2 of the recall misses on unseen histories: a known tool's session, thread or task link standing alone in
/// the trailer block or the footer. The URL shapes come from the <c>session-url</c> markers of the signature file;
/// identifiers are invented.
/// </summary>
public sealed class ProvenanceClassifierSessionUrlTests
{
    public static readonly TheoryData<string, string, string, EvidenceKind> StandingAlone = new()
    {
        { "bare amp thread as the last line", "Fix\n\nHandle empty input.\n\nhttps://ampcode.com/threads/T-3fa85f64-5717-4562-b3fc-2c963f66afa6\n", "amp", EvidenceKind.Trailer },
        { "claude web session under a sign-off", "Fix\n\nBody.\n\nhttps://claude.ai/code/session_01AbCdEfGhJkLmNp\n\nSigned-off-by: Alice Human <alice@example.com>\n", "claude-code", EvidenceKind.Footer },
        { "codex task after a rule", "Add exporter\n\nSummary of the change.\n\n------\nhttps://chatgpt.com/codex/tasks/task_e_68b2f0a1c3d4e5f6\n", "codex", EvidenceKind.Footer },
        { "devin run with a label", "Fix flaky test\n\nRetry once.\n\nLink to Devin run: https://app.devin.ai/sessions/9d8e7f6a5b4c3d2e1f\nRequested by: Alice Human (@alice)\n", "devin", EvidenceKind.Footer },
        { "jules footer in emphasis", "Add cache\n\nAdds an LRU cache.\n\n---\n*PR created automatically by Jules for task [15310490098518802366](https://jules.google.com/task/15310490098518802366) started by @alice*\n", "jules", EvidenceKind.Footer },
        { "cursor agent as an html anchor", "Refactor\n\nSplit the module.\n\n<a href=\"https://cursor.com/background-agent?bcId=bc-5e2f9a10-44aa-4b1c\">Open in Cursor</a>\n", "cursor", EvidenceKind.Footer },
        { "cursor agent as a markdown link", "Refactor\n\nSplit the module.\n\n- [Open in Cursor](https://cursor.com/agents?id=bc-5e2f9a10-44aa-4b1c)\n", "cursor", EvidenceKind.Footer },
        { "factory session in angle brackets", "Refactor\n\nSplit.\n\nSession: <https://app.factory.ai/sessions/fd220781abc>\n", "factory", EvidenceKind.Trailer },
        { "copilot task link with an emoji label", "Refactor\n\nSplit.\n\n🤖 Copilot session: https://github.com/copilot/tasks/pull/PR_kwDOAbCdEf12?session_id=4c1d9e22-aa01\n", "copilot", EvidenceKind.Footer },
        { "openhands conversation as a trailer value", "Fix\n\nBody.\n\nLink: https://app.all-hands.dev/conversations/0a1b2c3d4e5f6a7b\nSigned-off-by: Alice Human <alice@example.com>\n", "openhands", EvidenceKind.Trailer },
    };

    [Theory]
    [MemberData(nameof(StandingAlone))]
    public void ASessionLinkStandingAloneInTheFooterCounts(string row, string message, string tool, EvidenceKind kind)
    {
        var result = Classify(message);

        Assert.True(result.Status == ProvenanceStatus.Ai, $"{row}: {result.Status} ({string.Join("; ", result.Evidence)})");
        Assert.Equal([tool], result.Tools);
        Assert.Contains(result.Evidence, e => e.Kind == kind && e.Tool == tool && e.Confidence >= 0.8);
    }

    public static readonly TheoryData<string, string> Mentions = new()
    {
        { "link inside a body sentence", "Fix crash\n\nThe crash was found in https://ampcode.com/threads/T-3fa85f64-5717-4562 while testing.\n" },
        { "link on its own line inside body prose", "Fix crash\n\nI asked about it, see the conversation:\nhttps://ampcode.com/threads/T-3fa85f64-5717-4562\n" },
        { "link in a middle paragraph", "Fix crash\n\nhttps://claude.ai/code/session_01AbCdEfGhJkLmNp\n\nThe parser now rejects empty input instead of crashing.\n" },
        { "link in the subject", "Port https://claude.ai/code/session_01AbCdEfGhJkLmNp fixes\n" },
        { "link in the title paragraph", "Port fixes\nhttps://claude.ai/code/session_01AbCdEfGhJkLmNp\n" },
        { "link quoted", "Revert\n\n> https://ampcode.com/threads/T-3fa85f64-5717-4562\n" },
        { "link in a code block", "Docs\n\n```\nhttps://ampcode.com/threads/T-3fa85f64-5717-4562\n```\n" },
        { "link indented in a squash body", "Squash (#9)\n\n* first\n\n  https://ampcode.com/threads/T-3fa85f64-5717-4562\n\n* second commit\n" },
        { "tool home page, not a session", "Docs\n\nSee: https://claude.ai/code\n" },
        { "tool docs page", "Docs\n\nhttps://docs.devin.ai/sessions/overview\n" },
        { "link inside a sentence in the footer", "Fix\n\nNote: see https://app.devin.ai/sessions/9d8e7f6a5b4c3d2e1f for details\n" },
        { "an issue link", "Fix\n\nFixes: https://github.com/acme/app/issues/12\n" },
        { "a prose line with a markdown link", "Fix\n\nThe fix came from [a Jules task](https://jules.google.com/task/15310490098518802366) that I reviewed.\n" },
    };

    [Theory]
    [MemberData(nameof(Mentions))]
    public void ASessionLinkInTheBodyProseIsNotEvidence(string row, string message)
    {
        var result = Classify(message);

        Assert.True(result.Status == ProvenanceStatus.Unknown && result.Evidence.Count == 0,
            $"{row}: got {result.Status} with {string.Join("; ", result.Evidence)}");
    }

    [Fact]
    public void AKnownSessionTrailerIsNotCountedTwiceThroughItsLink()
    {
        var result = Classify("Fix\n\nBody.\n\nAmp-Thread-ID: https://ampcode.com/threads/T-3fa85f64-5717-4562\n");

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(0.95, evidence.Confidence);
    }
}
