using System.Diagnostics;
using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

public sealed class ProvenanceClassifierTests
{
    private const string Plain = "Fix overflow in ring buffer\n\nUse size_t for the head index.\n";

    [Fact]
    public void ACommitWithoutMarkersIsUnknownNotHuman()
    {
        var result = Classify(Plain);

        Assert.Same(CommitProvenance.Unknown, result);
    }

    [Fact]
    public void ACommitWithoutMarkersAllocatesNothing()
    {
        var author = Identity(Human);
        var committer = Identity(WebFlow);
        const string message = "Fix overflow in ring buffer\n\nUse size_t for the head index. See: the docs.\n\nSigned-off-by no colon here\n";
        Classifier.Classify(author, committer, message);

        // The runtime may itself allocate on this thread once while it compiles (a method reaching its next tier, the
        // strings of its literals): a round of 1,000 calls counts, and the steady state is what must allocate nothing.
        // A per-call allocation shows in every round.
        var allocated = new List<long>();
        for (var round = 0; round < 5 && (allocated.Count == 0 || allocated[^1] != 0); round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                Classifier.Classify(author, committer, message);
            }

            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated[^1]);
    }

    [Fact]
    public void EvidenceFromEverySourceIsKeptAndToolsAreOrderedStrongestFirst()
    {
        const string message = "Add exporter\n\nBody.\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\nCo-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>\nCo-Authored-By: Claude <noreply@anthropic.com>\n";

        var result = Classify(message, "Paul Gauthier (aider) <paul@example.com>");

        Assert.Equal(ProvenanceStatus.Ai, result.Status);
        Assert.Equal(["claude-code", "aider", "other-ai"], result.Tools);
        Assert.Equal(
            [EvidenceKind.Author, EvidenceKind.Committer, EvidenceKind.Trailer, EvidenceKind.Trailer, EvidenceKind.Footer],
            result.Evidence.Select(e => e.Kind));
        Assert.Equal(0.95, result.Confidence);
    }

    [Fact]
    public void AnAiSuggestionAloneIsAiSuggestedAndNotAssisted()
    {
        var result = Classify(Plain + "\nCo-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>\n");

        Assert.Equal(ProvenanceStatus.AiSuggested, result.Status);
        Assert.False(result.Assisted);
    }

    [Fact]
    public void ExtraEvidenceFromNotesIsCombinedUnderTheSameRules()
    {
        var note = new Evidence(EvidenceKind.Note, "cursor", "refs/notes/ai: 12 AI lines", 0.95, ProvenanceStatus.Ai);
        var weak = new Evidence(EvidenceKind.Trace, "codex", "trace with unknown contributor", 0.2, ProvenanceStatus.Ai);
        var lines = new LineAttribution([new FileLineAttribution("src/a.cs", 12, 3, 0, ["cursor"])], ["git-ai"]);

        var result = Classifier.Classify(Identity(Human), Identity(Human), Plain + "\nNo AI was used.\n", lines, [note, weak]);

        Assert.Equal(ProvenanceStatus.Ai, result.Status);
        Assert.Equal(["cursor"], result.Tools);
        Assert.Equal(3, result.Evidence.Count);
        Assert.Same(lines, result.Lines);
    }

    [Fact]
    public void LinesArePassedThroughEvenWithoutEvidence()
    {
        var lines = new LineAttribution([], ["agent-trace"]);

        var result = Classifier.Classify(Identity(Human), Identity(Human), Plain, lines);

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
        Assert.Same(lines, result.Lines);
    }

    [Fact]
    public void EvidenceBelowHalfConfidenceDecidesNothing()
    {
        var weak = new Evidence(EvidenceKind.Trace, "codex", "weak", 0.49, ProvenanceStatus.Ai);

        var result = Classifier.Classify(Identity(Human), Identity(Human), Plain, extraEvidence: [weak]);

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
        Assert.Empty(result.Tools);
        Assert.Single(result.Evidence);
    }

    [Fact]
    public void WindowsLineEndingsDoNotHideAnyMarker()
    {
        var trailer = Classify("Fix\r\n\r\nBody.\r\n\r\nCo-Authored-By: Claude <noreply@anthropic.com>\r\n");
        var footer = Classify("Fix\r\n\r\nBody.\r\n\r\n🤖 Generated with [Claude Code](https://claude.ai/code)\r\n");
        var made = Classify("Fix\r\n\r\nBody.\r\n\r\nMade-with: Cursor\r\n");
        var subject = Classify("aider: fix\r\n");

        Assert.Equal(["claude-code"], trailer.Tools);
        Assert.Equal(["claude-code"], footer.Tools);
        Assert.Equal(["cursor"], made.Tools);
        Assert.Equal(["aider"], subject.Tools);
        Assert.DoesNotContain(trailer.Evidence, e => e.Text.Contains('\r'));
    }

    [Fact]
    public void AMegabyteMessageIsClassifiedQuicklyAndEvidenceStaysBounded()
    {
        var body = string.Concat(Enumerable.Repeat("Note: a long body line that mentions Claude Code and Copilot feedback.\n", 15_000));
        var huge = "Import vendored data\n\n" + body + "\nCo-Authored-By: Claude " + new string('x', 5000) + " <noreply@anthropic.com>\n";
        var oneLine = "Subject\n\n" + new string('a', 1_000_000);
        var fences = "Docs\n\n" + string.Concat(Enumerable.Repeat("```\ncode\n```\n", 70_000)) + "\nNo AI was used.\n";

        var watch = Stopwatch.StartNew();
        var withTrailer = Classify(huge);
        var withoutNewline = Classify(oneLine);
        var fenced = Classify(fences);
        watch.Stop();

        Assert.True(huge.Length > 1_000_000);
        Assert.Equal(["claude-code"], withTrailer.Tools);
        Assert.All(withTrailer.Evidence, e => Assert.True(e.Text.Length <= Evidence.MaxTextLength));
        Assert.Equal(ProvenanceStatus.Unknown, withoutNewline.Status);
        Assert.Equal(ProvenanceStatus.HumanDeclared, fenced.Status);
    }

    [Fact]
    public void ClassifyingManyCommitsInParallelGivesTheSameAnswers()
    {
        const string message = "Fix\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n";

        var results = Enumerable.Range(0, 2000).AsParallel().Select(_ => Classify(message)).ToList();

        Assert.All(results, r => Assert.Equal(["cursor"], r.Tools));
    }
}
