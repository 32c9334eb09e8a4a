using Countersign.Core.Diagnostics;
using Countersign.Core.Provenance.Lines;

namespace Countersign.Core.Tests.Provenance.Lines;

public sealed class AgentTraceParserTests
{
    // Shapes as the spec's example (0.1.0) and the reference implementation's appendTrace (1.0) write them.
    internal const string SpecRecord =
        """{"version":"0.1.0","id":"550e8400-e29b-41d4-a716-446655440000","timestamp":"2026-01-23T14:30:00Z","vcs":{"type":"git","revision":"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"},"tool":{"name":"cursor","version":"2.4.0"},"files":[{"path":"src/utils/parser.ts","conversations":[{"url":"https://api.cursor.com/v1/conversations/12345","contributor":{"type":"ai","model_id":"anthropic/claude-opus-4-5-20251101"},"ranges":[{"start_line":42,"end_line":67,"content_hash":"murmur3:9f2e8a1b"}],"related":[{"type":"session","url":"https://api.cursor.com/v1/sessions/67890"}]}]}],"metadata":{"confidence":0.95,"dev.cursor":{"workspace_id":"ws-abc123"}}}""";

    internal const string ReferenceRecord =
        """{"version":"1.0","id":"7d3f1c2e-9b8a-4c5d-8e6f-1a2b3c4d5e6f","timestamp":"2026-02-01T09:15:00.123Z","tool":{"name":"claude-code"},"files":[{"path":"lib/app.ts","conversations":[{"url":"file:///home/dev/.claude/t.jsonl","contributor":{"type":"ai","model_id":"anthropic/claude-sonnet-4-5"},"ranges":[{"start_line":1,"end_line":10},{"start_line":20,"end_line":24,"contributor":{"type":"human"}}]}]}]}""";

    [Fact]
    public void BothSpecVersionsOfJsonLinesParseWithoutDiagnostics()
    {
        var result = AgentTraceParser.ParseJsonLines(SpecRecord + "\n" + ReferenceRecord + "\n", "traces.jsonl");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["0.1.0", "1.0"], result.Records.Select(r => r.Version));

        var spec = result.Records[0];
        Assert.Equal("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", spec.Revision);
        Assert.Equal(new AgentTraceTool("cursor", "2.4.0"), spec.Tool);
        Assert.Equal(new DateTimeOffset(2026, 1, 23, 14, 30, 0, TimeSpan.Zero), spec.Timestamp);
        var range = spec.Files[0].Conversations[0].Ranges.Single();
        Assert.Equal(new AgentTraceRange(42, 67, "murmur3:9f2e8a1b"), range);
        Assert.Equal(0.95, spec.Metadata!.Value.GetProperty("confidence").GetDouble());

        Assert.Null(result.Records[1].Revision);
    }

    [Fact]
    public void ARangeContributorOverridesTheConversationContributor()
    {
        var record = AgentTraceParser.ParseJsonLines(ReferenceRecord, "t").Records.Single();
        var conversation = record.Files[0].Conversations[0];

        Assert.Equal(
            [AgentTraceContributorType.Ai, AgentTraceContributorType.Human],
            conversation.Ranges.Select(r => conversation.ContributorOf(r).Type));
        Assert.True(new AgentTraceContributor(AgentTraceContributorType.Mixed).IsAi);
    }

    [Fact]
    public void ABadLineInTheMiddleIsReportedAndReadingContinues()
    {
        var content = SpecRecord + "\n{\"version\":\"1.0\",\"id\":\n\n" + ReferenceRecord;

        var result = AgentTraceParser.ParseJsonLines(content, "traces.jsonl");

        Assert.Equal(2, result.Records.Count);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 2), (error.Severity, error.Line));
        Assert.StartsWith("traces.jsonl:2:", error.ToString());
        Assert.Contains("line is not a JSON record", error.Message);
    }

    [Fact]
    public void BadRangesAreDroppedWithTheirFieldPathAndTheRecordIsKept()
    {
        const string line = """{"version":"1.0","id":"i","timestamp":"2026-01-01T00:00:00Z","files":[{"path":"a.ts","conversations":[{"contributor":{"type":"robot"},"ranges":[{"start_line":9,"end_line":3},{"start_line":0,"end_line":2},{"start_line":4,"end_line":5}]}]}]}""";

        var result = AgentTraceParser.ParseJsonLines("\n" + line, "t");

        var ranges = result.Records.Single().Files[0].Conversations[0].Ranges;
        Assert.Equal([new AgentTraceRange(4, 5)], ranges);
        Assert.Equal(
            [
                (DiagnosticSeverity.Warning, "files[0].conversations[0].contributor.type"),
                (DiagnosticSeverity.Error, "files[0].conversations[0].ranges[0]"),
                (DiagnosticSeverity.Error, "files[0].conversations[0].ranges[1]"),
            ],
            result.Diagnostics.Select(d => (d.Severity, d.Field!)));
        Assert.All(result.Diagnostics, d => Assert.Equal(2, d.Line));
    }

    [Fact]
    public void ARecordWithoutFilesIsSkippedAndAnUnknownVersionIsWarned()
    {
        const string content = """
            {"version":"1.0","id":"a","timestamp":"2026-01-01T00:00:00Z"}
            {"version":"2.3","id":"b","timestamp":"2026-01-01T00:00:00Z","files":[]}
            """;

        var result = AgentTraceParser.ParseJsonLines(content, "t");

        Assert.Equal(["b"], result.Records.Select(r => r.Id));
        Assert.Equal([(DiagnosticSeverity.Error, 1, "files"), (DiagnosticSeverity.Warning, 2, "version")],
            result.Diagnostics.Select(d => (d.Severity, d.Line!.Value, d.Field!)));
    }

    [Fact]
    public void ParseJsonReadsASingleRecordOrAnArray()
    {
        Assert.Single(AgentTraceParser.ParseJson(SpecRecord, "record.json").Records);

        var array = AgentTraceParser.ParseJson($"[\n{SpecRecord},\n{ReferenceRecord},\n42\n]", "records.json");

        Assert.Equal(2, array.Records.Count);
        Assert.Equal("[2]", Assert.Single(array.Diagnostics).Field);
    }

    [Fact]
    public void ParseJsonReportsSyntaxErrorsWithLineNumbers()
    {
        var result = AgentTraceParser.ParseJson("{\n  \"version\": \"1.0\",\n  \"files\": [,]\n}", "record.json");

        Assert.Empty(result.Records);
        Assert.Equal(3, Assert.Single(result.Diagnostics).Line);
    }

    [Fact]
    public void WrongJsonShapesNeverThrow()
    {
        const string content = """
            [1,2]
            "x"
            {"files":{}}
            {"files":[1,{"path":7},{"path":"a","conversations":[1,{"ranges":[1,{"start_line":"1","end_line":2}],"contributor":[]}]}]}
            {"version":1,"id":2,"timestamp":"yesterday","vcs":"git","tool":[],"files":[],"metadata":[]}
            """;

        var result = AgentTraceParser.ParseJsonLines(content, "t");

        Assert.Equal(2, result.Records.Count);
        Assert.Empty(result.Records[0].Files[0].Conversations.SelectMany(c => c.Ranges));
        Assert.Contains(result.Diagnostics, d => d.Line == 5 && d.Field == "timestamp");
    }
}
