using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Lines;
using Countersign.Core.Provenance.Signatures;

namespace Countersign.Core.Tests.Provenance.Signatures;

public sealed class SignatureCatalogTests
{
    private static readonly DateTimeOffset When = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static GitIdentity Id(string name, string email) => new(name, email, When);

    [Fact]
    public void TheShippedFileParsesWithoutAnyDiagnostic()
    {
        using var stream = typeof(SignatureCatalog).Assembly.GetManifestResourceStream(SignatureCatalog.ResourceName)!;
        using var reader = new StreamReader(stream);

        var result = SignatureCatalog.Parse(reader.ReadToEnd(), "tool-signatures.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Same(SignatureCatalog.Default, SignatureCatalog.Default);
    }

    [Fact]
    public void TheShippedFileUsesExactlyTheToolVocabulary()
    {
        Assert.Equal(ToolNames.All.Order(StringComparer.Ordinal), SignatureCatalog.Default.Tools.Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryShippedToolHasAtLeastOneMarkerOrAlias()
    {
        Assert.All(SignatureCatalog.Default.Tools, t => Assert.True(t.Markers.Count + t.Aliases.Count > 0, t.Id));
        Assert.All(SignatureCatalog.Default.Tools.Where(t => t.Id != "other-ai"), t => Assert.NotEmpty(t.Markers));
    }

    [Theory]
    [InlineData("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")]
    [InlineData("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com")]
    [InlineData("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")]
    [InlineData("GitHub Action", "action@github.com")]
    [InlineData("release-please[bot]", "55107282+release-please[bot]@users.noreply.github.com")]
    [InlineData("semantic-release-bot", "semantic-release-bot@martynus.net")]
    [InlineData("some-new-app[bot]", "123+some-new-app[bot]@users.noreply.github.com")]
    public void NonAiBotsAreRecognisedAsAutomation(string name, string email)
    {
        Assert.True(SignatureCatalog.Default.IsAutomation(Id(name, email)));
    }

    [Theory]
    [InlineData("Alice Human", "alice@example.com")]
    [InlineData("GitHub", "noreply@github.com")]
    [InlineData("claude[bot]", "209825114+claude[bot]@users.noreply.github.com")]
    [InlineData("Copilot", "198982749+Copilot@users.noreply.github.com")]
    [InlineData("coderabbitai[bot]", "136622811+coderabbitai[bot]@users.noreply.github.com")]
    [InlineData("google-labs-jules[bot]", "161369871+google-labs-jules[bot]@users.noreply.github.com")]
    public void HumansWebFlowAndAiAppsAreNotAutomation(string name, string email)
    {
        Assert.False(SignatureCatalog.Default.IsAutomation(Id(name, email)));
    }

    [Fact]
    public void ABranchNamedByAnAgentGivesBranchEvidence()
    {
        var evidence = Assert.Single(SignatureCatalog.Default.MatchBranch("copilot/fix-flaky-test"));

        Assert.Equal(new Evidence(EvidenceKind.Branch, "copilot", "copilot/fix-flaky-test", 0.8, ProvenanceStatus.Ai), evidence);
        Assert.Empty(SignatureCatalog.Default.MatchBranch("feature/copilot-docs"));
    }

    [Fact]
    public void AnUnknownMarkerKindIsReportedAtItsLineAndColumn()
    {
        const string yaml = """
            tools:
              - id: acme-agent
                markers:
                  - kind: trailer
                    key: Acme-Run
                  - kind: smoke-signal
                    text: puff
            """;

        var result = SignatureCatalog.Parse(yaml, "org.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(new Diagnostic(DiagnosticSeverity.Error, "org.yaml", diagnostic.Message, 6, 15, "tools[0].markers[1].kind"), diagnostic);
        Assert.Contains("smoke-signal", diagnostic.Message);
        Assert.Single(Assert.Single(result.Catalog.Tools).Markers);
    }

    [Fact]
    public void ABadRegexAMissingIdAndAnUnknownFieldAreEachReported()
    {
        const string yaml = """
            tools:
              - name: No id here
                markers: [{ kind: footer, text: x }]
              - id: acme-agent
                markers:
                  - { kind: footer, pattern: "([a-z" }
                  - { kind: author, emial: bot@acme.example }
                  - { kind: committer, email: bot@acme.example, confidence: 2 }
                  - { kind: author, email: bot@acme.example, status: maybe }
              - id: Acme
                markers: [{ kind: subject, prefix: "acme: " }]
            """;

        var result = SignatureCatalog.Parse(yaml, "org.yaml");

        Assert.True(result.HasErrors);
        Assert.Collection(result.Diagnostics,
            d => Assert.Equal((2, 5, "tools[0].id"), (d.Line!.Value, d.Column!.Value, d.Field)),
            d => Assert.Equal((6, 34, "tools[1].markers[0].pattern"), (d.Line!.Value, d.Column!.Value, d.Field)),
            d => Assert.Equal((7, 25, "tools[1].markers[1].emial"), (d.Line!.Value, d.Column!.Value, d.Field)),
            d => Assert.Equal((8, 65, "tools[1].markers[2].confidence"), (d.Line!.Value, d.Column!.Value, d.Field)),
            d => Assert.Equal((9, 58, "tools[1].markers[3].status"), (d.Line!.Value, d.Column!.Value, d.Field)),
            d => Assert.Equal((4, 5, "tools[1]", DiagnosticSeverity.Warning), (d.Line!.Value, d.Column!.Value, d.Field, d.Severity)),
            d => Assert.Equal((10, 9, "tools[2].id"), (d.Line!.Value, d.Column!.Value, d.Field)));
        var acme = Assert.Single(result.Catalog.Tools);
        Assert.Empty(acme.Markers);
    }

    [Fact]
    public void InvalidYamlGivesOneDiagnosticAndAnEmptyCatalog()
    {
        var result = SignatureCatalog.Parse("tools:\n  - id: [unclosed\n", "org.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("org.yaml", diagnostic.Source);
        Assert.NotNull(diagnostic.Line);
        Assert.Empty(result.Catalog.Tools);
    }

    [Fact]
    public void AnEmptyFileIsAnEmptyCatalogWithoutComplaint()
    {
        var result = SignatureCatalog.Parse("", "org.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Catalog.Tools);
    }

    [Fact]
    public void AnOrganisationAddsAnInHouseAgentByMergingItsOwnFile()
    {
        const string yaml = """
            tools:
              - id: acme-agent
                name: ACME Coding Agent
                aliases: [acme agent]
                markers:
                  - { kind: trailer, key: Acme-Agent-Run, value-prefix: "https://agent.acme.example/runs/", confidence: 0.95 }
                  - { kind: identity, email: agent@acme.example }
              - id: claude-code
                markers:
                  - { kind: identity, email: claude-proxy@acme.example }
            """;
        var org = SignatureCatalog.Parse(yaml, ".countersign/signatures.yaml");
        Assert.Empty(org.Diagnostics);

        var merged = SignatureCatalog.Default.Merge(org.Catalog);
        var classifier = new ProvenanceClassifier(merged);
        var human = Id("Alice Human", "alice@example.com");

        var byTrailer = classifier.Classify(human, human, "Add billing export\n\nAcme-Agent-Run: https://agent.acme.example/runs/42\n");
        var byAlias = classifier.Classify(human, human, "Add billing export\n\nAssisted-by: ACME Agent v3\n");
        var byExtraIdentity = classifier.Classify(human, human, "Fix\n\nCo-authored-by: Claude <claude-proxy@acme.example>\n");
        var stillBuiltIn = classifier.Classify(human, human, "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");

        Assert.Equal((ProvenanceStatus.Ai, "acme-agent"), (byTrailer.Status, Assert.Single(byTrailer.Tools)));
        Assert.Equal("acme-agent", Assert.Single(byAlias.Tools));
        Assert.Equal("claude-code", Assert.Single(byExtraIdentity.Tools));
        Assert.Equal("claude-code", Assert.Single(stillBuiltIn.Tools));
        Assert.Equal("Claude Code", merged.FindTool("claude-code")!.Name);
        Assert.Null(SignatureCatalog.Default.FindTool("acme-agent"));
        Assert.Equal(ProvenanceStatus.Unknown, new ProvenanceClassifier(SignatureCatalog.Default)
            .Classify(human, human, "Add billing export\n\nAcme-Agent-Run: https://agent.acme.example/runs/42\n").Status);
    }

    [Fact]
    public void AMergedFileCanAddAutomationAndDeclarations()
    {
        const string yaml = """
            automation:
              - { email: ci@acme.example }
            declarations:
              trailers: [{ key: Acme-AI, values: [none] }]
              sentences: [Hand-written by ACME staff]
            """;
        var merged = SignatureCatalog.Default.Merge(SignatureCatalog.Parse(yaml, "org.yaml").Catalog);
        var human = Id("Alice Human", "alice@example.com");
        var classifier = new ProvenanceClassifier(merged);

        Assert.True(merged.IsAutomation(Id("ACME CI", "ci@acme.example")));
        Assert.Equal(ProvenanceStatus.HumanDeclared, classifier.Classify(human, human, "Fix\n\nAcme-AI: none\n").Status);
        Assert.Equal(ProvenanceStatus.HumanDeclared, classifier.Classify(human, human, "Fix\n\nHand-written by ACME staff.\n").Status);
        Assert.Equal(ProvenanceStatus.HumanDeclared, classifier.Classify(human, human, "Fix\n\nNo AI was used.\n").Status);
    }
}
