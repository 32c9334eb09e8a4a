using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Lines;

namespace Countersign.Core.Tests.Provenance.Lines;

public sealed class LineAttributionBuilderTests
{
    private static GitAiNote Note(string attestations, string prompts = "{}", string sessions = "{}", string humans = "{}")
    {
        var text = $"{attestations}\n---\n{{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"b\",\"prompts\":{prompts},\"sessions\":{sessions},\"humans\":{humans}}}";
        var result = GitAiNoteParser.Parse(text, "note");
        Assert.Empty(result.Diagnostics);
        return result.Note!;
    }

    private const string CursorPrompt = """{"abcd1234abcd1234":{"agent_id":{"tool":"cursor","id":"c1","model":"claude-4-sonnet"}}}""";
    private const string ClaudeSession = """{"s_c9883b05a2487d":{"agent_id":{"tool":"claude","id":"c2","model":"claude-opus-4"}}}""";
    private const string Human = """{"h_31dce776f88375":{"author":"Dev <dev@example.com>"}}""";

    [Fact]
    public void NothingToReadGivesNoAttribution()
    {
        var result = LineAttributionBuilder.Build([new FileChange("a.cs", 10, 0)], null, [], "c1");

        Assert.Null(result.Lines);
        Assert.Empty(result.Evidence);
    }

    [Fact]
    public void OverlappingAiRangesCountDistinctLinesAndAiWinsOverHuman()
    {
        var note = Note("""
            src/main.rs
              abcd1234abcd1234 1-10
              s_c9883b05a2487d::t_9f8e7d6c5b4a32 5-14
              h_31dce776f88375 12-20
            """, CursorPrompt, ClaudeSession, Human);

        var result = LineAttributionBuilder.Build([new FileChange("src/main.rs", 30, 2)], note, [], "c1");

        var file = Assert.Single(result.Lines!.Files);
        Assert.Equal(new FileLineAttribution("src/main.rs", 14, 6, 10, file.Tools), file);
        Assert.Equal(["claude-code", "cursor"], file.Tools);
        Assert.Equal(["git-ai"], result.Lines.Sources);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void EachToolGetsOneNoteEvidenceNamingItsRawToolAndModel()
    {
        var note = Note("""
            a.cs
              abcd1234abcd1234 1-30
            "b c.cs"
              abcd1234abcd1234 1-12
              s_c9883b05a2487d::t_9f8e7d6c5b4a32 13-15
            """, CursorPrompt, ClaudeSession);

        var result = LineAttributionBuilder.Build([new FileChange("a.cs", 30, 0), new FileChange("b c.cs", 15, 0)], note, [], "c1");

        Assert.Equal(
            [
                new Evidence(EvidenceKind.Note, "cursor", "git-ai note: 42 AI lines in 2 files (cursor, claude-4-sonnet)", 0.95, ProvenanceStatus.Ai),
                new Evidence(EvidenceKind.Note, "claude-code", "git-ai note: 3 AI lines in 1 file (claude, claude-opus-4)", 0.95, ProvenanceStatus.Ai),
            ],
            result.Evidence);
        Assert.Equal(45, result.Lines!.AiLines);
    }

    [Fact]
    public void ANoteWithOnlyHumanLinesDeclaresHumanWithoutATool()
    {
        var note = Note("a.cs\n  h_31dce776f88375 1-4", humans: Human);

        var result = LineAttributionBuilder.Build([new FileChange("a.cs", 10, 0)], note, [], "c1");

        var evidence = Assert.Single(result.Evidence);
        Assert.Equal((EvidenceKind.Note, (string?)null, ProvenanceStatus.HumanDeclared), (evidence.Kind, evidence.Tool, evidence.Implies));
        Assert.Equal((0, 4, 6), (result.Lines!.AiLines, result.Lines.HumanLines, result.Lines.UnknownLines));
    }

    [Fact]
    public void RangesBeyondTheAddedLinesAreClippedWithOneWarning()
    {
        var note = Note("a.cs\n  abcd1234abcd1234 1-50\n  h_31dce776f88375 51-60\nb.cs\n  abcd1234abcd1234 1-9", CursorPrompt, humans: Human);

        var result = LineAttributionBuilder.Build([new FileChange("a.cs", 55, 0), new FileChange("b.cs", 3, 0)], note, [], "c1");

        Assert.Equal([(50, 5, 0), (3, 0, 0)], result.Lines!.Files.Select(f => (f.AiLines, f.HumanLines, f.UnknownLines)));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("2 file(s)", warning.Message);
        Assert.StartsWith("git-ai note: 53 AI lines", result.Evidence.Single().Text);
    }

    [Fact]
    public void FilesOutsideTheCommitAreReportedWithNoUnknownLinesAndUnattributedFilesAreAllUnknown()
    {
        var note = Note("generated/api.cs\n  abcd1234abcd1234 1-8", CursorPrompt);
        FileChange[] files = [new("README.md", 5, 1), new("logo.png", null, null, IsBinary: true), new("empty.txt", 0, 3)];

        var result = LineAttributionBuilder.Build(files, note, [], "c1");

        Assert.Equal(
            [new FileLineAttribution("README.md", 0, 0, 5, []), new FileLineAttribution("generated/api.cs", 8, 0, 0, ["cursor"])],
            result.Lines!.Files,
            new FileLineComparer());
    }

    [Fact]
    public void TracesCountMixedAsAiIgnoreUnknownAndNormaliseTheTool()
    {
        const string line = """{"version":"1.0","id":"r1","timestamp":"2026-01-01T00:00:00Z","tool":{"name":"claude-code"},"files":[{"path":"./lib/app.ts","conversations":[{"contributor":{"type":"ai","model_id":"anthropic/claude-sonnet-4-5"},"ranges":[{"start_line":1,"end_line":10},{"start_line":11,"end_line":12,"contributor":{"type":"mixed"}},{"start_line":13,"end_line":15,"contributor":{"type":"unknown"}},{"start_line":16,"end_line":20,"contributor":{"type":"human"}}]}]}]}""";
        var traces = AgentTraceParser.ParseJsonLines(line, "t").Records;

        var result = LineAttributionBuilder.Build([new FileChange("lib/app.ts", 25, 0)], null, traces, "c1");

        Assert.Equal(new FileLineAttribution("lib/app.ts", 12, 5, 8, ["claude-code"]), result.Lines!.Files.Single(), new FileLineComparer());
        Assert.Equal(["agent-trace"], result.Lines.Sources);
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(new Evidence(EvidenceKind.Trace, "claude-code", "agent-trace: 12 AI lines in 1 file (claude-code, anthropic/claude-sonnet-4-5)", 0.9, ProvenanceStatus.Ai), evidence);
    }

    [Fact]
    public void ANoteAndTracesTogetherUnionTheirLinesAndKeepSeparateEvidence()
    {
        var note = Note("a.cs\n  abcd1234abcd1234 1-10", CursorPrompt);
        var traces = AgentTraceParser.ParseJsonLines(AgentTraceParserTests.SpecRecord, "t").Records;
        FileChange[] files = [new("a.cs", 10, 0), new("src/utils/parser.ts", 80, 0)];

        var result = LineAttributionBuilder.Build(files, note, traces, "c1");

        Assert.Equal(["git-ai", "agent-trace"], result.Lines!.Sources);
        Assert.Equal((36, 54), (result.Lines.AiLines, result.Lines.UnknownLines));
        Assert.Equal([(EvidenceKind.Note, "cursor"), (EvidenceKind.Trace, "cursor")], result.Evidence.Select(e => (e.Kind, e.Tool!)));
    }

    [Fact]
    public void UnresolvedAiKeysStillCountAsAiFromAnotherTool()
    {
        var note = GitAiNoteParser.Parse("a.cs\n  0123456789abcdef 1-3\n---\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"b\",\"prompts\":{}}", "n").Note!;

        var result = LineAttributionBuilder.Build([new FileChange("a.cs", 3, 0)], note, [], "c1");

        Assert.Equal("other-ai", result.Evidence.Single().Tool);
        Assert.Equal("git-ai note: 3 AI lines in 1 file", result.Evidence.Single().Text);
    }

    private sealed class FileLineComparer : IEqualityComparer<FileLineAttribution>
    {
        public bool Equals(FileLineAttribution? x, FileLineAttribution? y) =>
            x is not null && y is not null && x.Path == y.Path && x.AiLines == y.AiLines && x.HumanLines == y.HumanLines
            && x.UnknownLines == y.UnknownLines && x.Tools.SequenceEqual(y.Tools);

        public int GetHashCode(FileLineAttribution obj) => obj.Path.GetHashCode(StringComparison.Ordinal);
    }
}
