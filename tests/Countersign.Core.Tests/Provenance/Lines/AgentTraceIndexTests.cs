using Countersign.Core.Provenance.Lines;

namespace Countersign.Core.Tests.Provenance.Lines;

public sealed class AgentTraceIndexTests
{
    private const string A = "aaaaaaa1111111111111111111111111111111111";
    private const string B = "bbbbbbb2222222222222222222222222222222222";
    private const string C = "ccccccc3333333333333333333333333333333333";

    private static string Line(string id, string? revision) =>
        $$"""{"version":"1.0","id":"{{id}}","timestamp":"2026-01-01T00:00:00Z",{{(revision is null ? "" : $$"""
        "vcs":{"type":"git","revision":"{{revision}}"},
        """)}}"files":[{"path":"a.ts","conversations":[{"contributor":{"type":"ai"},"ranges":[{"start_line":1,"end_line":2}]}]}]}""";

    private static AgentTraceRecord Record(string id, string? revision) =>
        AgentTraceParser.ParseJsonLines(Line(id, revision), "t").Records.Single();

    [Fact]
    public void NewRecordsAreTheLinesAppendedAfterTheParentsContent()
    {
        var parent = Line("r1", null) + "\n";
        var child = parent + Line("r2", null) + "\n" + Line("r3", A) + "\n";

        var result = AgentTraceIndex.NewRecords(parent, child, "traces.jsonl");

        Assert.Equal(["r2", "r3"], result.Records.Select(r => r.Id));
        Assert.Equal(["r1"], AgentTraceIndex.NewRecords(null, parent, "t").Records.Select(r => r.Id));
    }

    [Fact]
    public void ARewrittenFileYieldsOnlyLinesTheParentDidNotHave()
    {
        var parent = Line("r1", null) + "\n" + Line("r2", null) + "\n";
        var child = Line("r2", null) + "\nnot json\n" + Line("r4", null) + "\n" + Line("r1", null);

        var result = AgentTraceIndex.NewRecords(parent, child, "traces.jsonl");

        Assert.Equal(["r4"], result.Records.Select(r => r.Id));
        Assert.Equal(2, Assert.Single(result.Diagnostics).Line);
    }

    [Fact]
    public void RecordsWithoutRevisionOrNamingTheParentApplyToTheCommitThatAppendedThem()
    {
        var index = new AgentTraceIndex();
        index.AddCommit(A, [], []);
        index.AddCommit(B, [A], [Record("no-revision", null), Record("names-parent", A[..12])]);

        Assert.Equal(["no-revision", "names-parent"], index.ForCommit(B).Select(r => r.Id));
        Assert.Empty(index.ForCommit(A));
    }

    [Fact]
    public void ARecordNamingAnotherKnownCommitAppliesToThatCommit()
    {
        var index = new AgentTraceIndex();
        index.AddCommit(A, [], []);
        index.AddCommit(B, [A], []);
        index.AddCommit(C, [B], [Record("for-a", A), Record("for-c", C.ToUpperInvariant())]);

        Assert.Equal(["for-a"], index.ForCommit(A).Select(r => r.Id));
        Assert.Equal(["for-c"], index.ForCommit(C).Select(r => r.Id));
    }

    [Fact]
    public void ARevisionNamingNoKnownCommitMeansTheHistoryWasRewrittenSoTheAppendingCommitOwnsIt()
    {
        var index = new AgentTraceIndex();
        index.AddCommit(A, [], [Record("rebased", "deadbeefdeadbeef")]);

        Assert.Equal(["rebased"], index.ForCommit(A).Select(r => r.Id));
    }

    [Fact]
    public void TheSameRecordSeenAgainInALaterCommitStaysWithItsFirstCommit()
    {
        var index = new AgentTraceIndex();
        index.AddCommit(A, [], [Record("r1", null)]);
        index.AddCommit(B, [A], [Record("r1", null)]);

        Assert.Single(index.ForCommit(A));
        Assert.Empty(index.ForCommit(B));
    }
}
