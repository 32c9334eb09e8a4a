using Countersign.Core.History;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Signatures;

namespace Countersign.Core.Tests.Provenance.Signatures;

/// <summary>Session links and session trailer keys come from the signature file, so organisations extend them.</summary>
public sealed class SignatureCatalogSessionTests
{
    private static readonly GitIdentity Human = new("Alice Human", "alice@example.com", DateTimeOffset.UnixEpoch);

    [Fact]
    public void AnOrganisationsSessionLinkAndSuffixAreRecognised()
    {
        const string yaml = """
            version: 1
            session-trailers:
              suffixes: [job-id]
            tools:
              - id: acme-agent
                aliases: [acme-agent]
                markers:
                  - kind: session-url
                    pattern: "^https://agents\\.acme\\.example/runs/[0-9]+"
                    confidence: 0.85
            """;
        var parsed = SignatureCatalog.Parse(yaml, "acme.yaml");
        var classifier = new ProvenanceClassifier(SignatureCatalog.Default.Merge(parsed.Catalog));

        var link = classifier.Classify(Human, Human, "Tune cache\n\nBody.\n\nRun: https://agents.acme.example/runs/4411\n");
        var key = classifier.Classify(Human, Human, "Tune cache\n\nAcme-Agent-Job-Id: j-20260105\n");
        var shipped = classifier.Classify(Human, Human, "Tune cache\n\nClaude-Job-Id: j-20260105\n");

        Assert.Empty(parsed.Diagnostics);
        Assert.Equal((ProvenanceStatus.Ai, "acme-agent", 0.85), (link.Status, link.Tools.Single(), link.Evidence.Single().Confidence));
        Assert.Equal(["acme-agent"], key.Tools);
        Assert.Equal(["claude-code"], shipped.Tools);
    }

    [Theory]
    [InlineData("tools:\n  - id: x\n    aliases: [x]\n    markers:\n      - kind: session-url\n        confidence: 0.9\n", "acme.yaml:5:", "needs 'pattern'")]
    [InlineData("tools:\n  - id: x\n    aliases: [x]\n    markers:\n      - kind: session-url\n        pattern: \"(\"\n", "acme.yaml:6:", "invalid regular expression")]
    [InlineData("tools:\n  - id: x\n    aliases: [x]\n    markers:\n      - kind: session-url\n        text: \"https://x\"\n", "acme.yaml:6:", "unknown key 'text' for a session-url marker")]
    [InlineData("session-trailers:\n  suffixes: [\"Job Id\"]\n", "acme.yaml:2:", "suffix 'job id'")]
    [InlineData("session-trailers:\n  suffixs: [job]\n", "acme.yaml:2:", "unknown key 'suffixs' (did you mean 'suffixes'?)")]
    public void ABadSessionEntryIsANamedError(string yaml, string position, string message)
    {
        var parsed = SignatureCatalog.Parse(yaml, "acme.yaml");

        var error = Assert.Single(parsed.Diagnostics);
        Assert.Contains(position, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryShippedSessionLinkPatternIsAnchored()
    {
        var patterns = SignatureCatalog.Default.Tools.SelectMany(t => t.Markers).Where(m => m.Kind == MarkerKind.SessionUrl).ToList();

        Assert.True(patterns.Count >= 9, $"{patterns.Count} session-url markers");
        Assert.All(patterns, m => Assert.StartsWith("^https://", m.Pattern, StringComparison.Ordinal));
    }
}
