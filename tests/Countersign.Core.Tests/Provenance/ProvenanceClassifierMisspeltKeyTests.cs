using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

/// <summary>
/// Class 3 of the recall misses on unseen histories: a known trailer key misspelt by one character (insertion,
/// deletion, substitution, transposition) still counts when its value names a tool or an AI identity, at
/// ×<see cref="ProvenanceClassifier.MisspeltKeyFactor"/> confidence.
/// </summary>
public sealed class ProvenanceClassifierMisspeltKeyTests
{
    public static readonly TheoryData<string, string, double> Misspelt = new()
    {
        { "Asissted-by: Copilot:GPT-5.5", "copilot", 0.72 },                       // transposition
        { "Asssisted-by: Claude:Opus-4.8", "claude-code", 0.72 },                  // insertion
        { "Assited-by: Claude Code", "claude-code", 0.72 },                        // deletion
        { "Assisted-bu: Cursor", "cursor", 0.72 },                                 // substitution
        { "Co-Authred-By: Claude <noreply@anthropic.com>", "claude-code", 0.76 },  // deletion, identity value
        { "Co-authored_by: Claude <noreply@anthropic.com>", "claude-code", 0.76 },
        { "Coauthored-by: Copilot <198982749+Copilot@users.noreply.github.com>", "copilot", 0.76 },
        { "Generated-wth: Claude Code", "claude-code", 0.72 },
        { "Genrated-by: ChatGPT", "other-ai", 0.72 },
        { "Made-wiht: Cursor", "cursor", 0.72 },
        { "Signed-of-by: Claude <noreply@anthropic.com>", "claude-code", 0.76 },
    };

    [Theory]
    [MemberData(nameof(Misspelt))]
    public void AKnownKeyMisspeltByOneCharacterCountsWithLowerConfidence(string trailer, string tool, double confidence)
    {
        var result = Classify($"Fix the parser\n\nHandle empty input.\n\n{trailer}\nSigned-off-by: Alice Human <alice@example.com>\n");

        Assert.True(result.Status == ProvenanceStatus.Ai, $"{trailer}: {result.Status} ({string.Join("; ", result.Evidence)})");
        Assert.Equal([tool], result.Tools);
        Assert.Equal(confidence, Assert.Single(result.Evidence).Confidence);
    }

    [Fact]
    public void AKeyWithASpaceForItsDashInGitsTrailerBlockCounts()
    {
        // git does not read "Assisted by:" as a trailer, but the block holds it beside the sign-off.
        var result = Classify("Fix\n\nBody.\n\nAssisted by: Claude Opus 4.6\nSigned-off-by: Alice Human <alice@example.com>\nCloses #21595\n");

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(("claude-code", ProvenanceStatus.Ai, 0.72), (evidence.Tool, result.Status, evidence.Confidence));
    }

    [Fact]
    public void AssistedByNobodyIsADeclarationNotAnAiMarker()
    {
        var result = Classify("Fix\n\nAssisted-by: nobody\n");

        Assert.Equal(ProvenanceStatus.HumanDeclared, result.Status);
        Assert.Empty(result.Tools);
    }

    public static readonly TheoryData<string, string> NotMarkers = new()
    {
        { "misspelt key naming a human", "Fix\n\nAsssisted-by: Jay Satiro\nCloses #11655\n" },
        { "misspelt key with a human's e-mail", "Fix\n\nCo-Authred-By: Jane Doe <jane@example.com>\n" },
        { "misspelt key saying nobody", "Fix\n\nAsissted-by: nobody\n" },
        { "misspelt declaration is not a declaration either", "Fix\n\nAI-Asissted: no\n" },
        { "misspelt affirmative names no tool", "Fix\n\nAI-Asissted: yes\n" },
        { "short key neighbour is a different trailer", "Fix\n\nAI-Tools: Claude Code\n" },
        { "two edits away", "Fix\n\nAsisted-bu: Claude Code\n" },
        { "other real trailers", "Fix\n\nReviewed-by: Claude Dupont <claude@example.com>\nSuggested-by: Cursor Team\nReported-by: Devin Null\nSigned-off-by: Alice Human <alice@example.com>\n" },
        { "misspelt key in body prose", "Fix\n\nAsissted-by: Claude, said the old template, which we removed.\n\nMore text follows here.\n" },
        { "misspelt key quoted", "Fix\n\n> Asissted-by: Claude Code\n" },
        { "misspelt key in a code block", "Fix\n\n```\nAsissted-by: Claude Code\n```\n" },
        { "misspelt key in the subject", "Asissted-by: Claude Code\n" },
        { "spaced key in prose", "Fix\n\nThis change was assisted by: Claude, in a way.\n" },
    };

    [Theory]
    [MemberData(nameof(NotMarkers))]
    public void AMisspeltKeyWithoutAToolOrOutsideTheFooterIsNotEvidence(string row, string message)
    {
        var result = Classify(message);

        Assert.True(result.Status == ProvenanceStatus.Unknown && result.Evidence.Count == 0,
            $"{row}: got {result.Status} with {string.Join("; ", result.Evidence)}");
    }
}
