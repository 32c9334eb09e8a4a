using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

/// <summary>
/// Trailer lines at the very end that git's strict block rules miss, taken from real histories
/// (getsentry/sentry-javascript, bootc-dev/bootc). They count with confidence × 0.9.
/// </summary>
public sealed class ProvenanceClassifierTailTrailerTests
{
    public static readonly TheoryData<string, string, string> TailTrailers = new()
    {
        { "issue reference and co-author in one last paragraph", "fix(deps): Bump lodash\n\nAddress CVE-2025-13465.\n\nFixes GH-19874\nCo-Authored-By: Claude <noreply@anthropic.com>\n", "claude-code" },
        { "tool-added transcript line after the trailers", "Add OTLP app\n\nCo-Authored-By: Claude claude-opus-4-6 <noreply@anthropic.com>\n\nAgent transcript: https://claudescope.example/share/abc\n", "claude-code" },
        { "automatic closes line after the trailers", "Bump otel\n\n- Bump a\n- Bump b\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n\n\nCloses #19683 (added automatically)\n", "claude-code" },
        { "assisted-by paragraph above the sign-off", "Tolerate EACCES\n\nTreat it like a missing parent.\n\nAssisted-by: AI\n\nSigned-off-by: Alice Human <alice@example.com>\n", "other-ai" },
        { "assisted-by above fixes and sign-off", "Split ESP mount\n\nVerified on QEMU.\n\nAssisted-by: Claude (Opus 4.7)\n\nFixes: #2355\nSigned-off-by: Alice Human <alice@example.com>\n", "claude-code" },
    };

    [Theory]
    [MemberData(nameof(TailTrailers))]
    public void TrailerLinesAtTheVeryEndCountWithLowerConfidence(string row, string message, string tool)
    {
        var result = Classify(message);

        Assert.True(result.Status == ProvenanceStatus.Ai, $"{row}: {result.Status} ({string.Join("; ", result.Evidence)})");
        Assert.Equal([tool], result.Tools);
        Assert.All(result.Evidence, e => Assert.True(e.Confidence < 0.9, $"{e.Text}: {e.Confidence}"));
    }

    [Fact]
    public void AnAllTrailerParagraphAboveProseIsStillText()
    {
        var result = Classify("Squash (#9)\n\n* second\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n* third commit\n");

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
    }

    [Fact]
    public void ATrailerLineBesideAFenceInTheLastParagraphIsText()
    {
        var result = Classify("Docs\n\nExample:\n```\nCo-Authored-By: Claude <noreply@anthropic.com>\n```\n");

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
    }

    [Fact]
    public void TrailersInsideGitsBlockKeepTheirFullConfidence()
    {
        var evidence = Assert.Single(Classify("Fix\n\nBody.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n").Evidence);

        Assert.Equal(0.95, evidence.Confidence);
    }
}
