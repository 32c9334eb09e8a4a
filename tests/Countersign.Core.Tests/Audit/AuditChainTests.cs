using System.Text.Json.Nodes;
using Countersign.Core.Audit;

namespace Countersign.Core.Tests.Audit;

/// <summary>The audit hash chain: every kind of tampering is found and named.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static List<AuditRecord> Log(int count)
    {
        var records = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            records.Add(AuditChain.Next(records.LastOrDefault(), T0.AddMinutes(i), i % 2 == 0 ? "signoff.recorded" : "change.registered", "erin",
                new JsonObject { ["change"] = $"pr/{i}", ["patch"] = $"p{i}", ["n"] = i }));
        }

        return records;
    }

    [Fact]
    public void AnUntouchedLogVerifiesAndItsHeadIsTheLastHash()
    {
        var log = Log(5);
        var result = AuditVerifier.Verify(log);
        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Equal((5, log[^1].Hash), (result.Records, result.HeadHash));
        Assert.Equal(AuditChain.Genesis, log[0].PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", log[0].Hash);
    }

    [Fact]
    public void CanonicalEncodingIgnoresMemberOrder()
    {
        Assert.Equal(CanonicalJson.Canonicalize("""{"b":1,"a":{"d":[2,1],"c":"x"}}"""), CanonicalJson.Canonicalize("""{ "a": { "c": "x", "d": [2, 1] }, "b": 1 }"""));
        Assert.Equal("""{"a":{"c":"x","d":[2,1]},"b":1}""", CanonicalJson.Canonicalize("""{"b":1,"a":{"d":[2,1],"c":"x"}}"""));
    }

    [Fact]
    public void AModifiedRecordIsNamed()
    {
        var log = Log(5);
        log[2] = log[2] with { Content = """{"change":"pr/2","n":2,"patch":"forged"}""" };
        var problem = Assert.Single(AuditVerifier.Verify(log).Problems);
        Assert.Equal((3L, "modified"), (problem.Sequence, problem.Kind));
        Assert.Equal("record #3 (signoff.recorded) was modified: its content no longer matches its hash", problem.Explanation);
    }

    [Fact]
    public void AModifiedActorOrTimeIsFoundToo()
    {
        var log = Log(3);
        log[1] = log[1] with { Actor = "mallory" };
        log[2] = log[2] with { At = log[2].At.AddDays(-1) };
        Assert.Equal([(2L, "modified"), (3L, "modified")], AuditVerifier.Verify(log).Problems.Select(p => (p.Sequence, p.Kind)));
    }

    [Fact]
    public void DeletedRecordsAreNamedByTheGap()
    {
        var log = Log(6);
        log.RemoveRange(2, 2);
        var problem = Assert.Single(AuditVerifier.Verify(log).Problems);
        Assert.Equal((5L, "deleted"), (problem.Sequence, problem.Kind));
        Assert.Equal("records #3–#4 before #5 were deleted", problem.Explanation);
    }

    [Fact]
    public void AnInsertedRecordIsFoundEvenWithAValidHashOfItsOwn()
    {
        var log = Log(4);
        var forged = AuditChain.Next(log[1], T0.AddMinutes(1.5), "signoff.recorded", "mallory", new JsonObject { ["change"] = "pr/9" });
        log.Insert(2, forged);
        var problems = AuditVerifier.Verify(log).Problems;
        Assert.Contains(problems, p => p.Kind == "inserted" && p.Sequence == 3);
        Assert.False(AuditVerifier.Verify(log).Valid);
    }

    [Fact]
    public void ReorderedRecordsAreNamed()
    {
        var log = Log(5);
        (log[1], log[3]) = (log[3], log[1]);
        var problems = AuditVerifier.Verify(log).Problems;
        Assert.Contains(problems, p => p.Kind == "reordered" && p.Sequence == 2);
    }

    [Fact]
    public void ATruncatedTailIsOnlySeenAgainstAPublishedHead()
    {
        var log = Log(5);
        var published = AuditVerifier.Verify(log).HeadHash;
        var truncated = AuditVerifier.Verify(log.Take(3));
        Assert.True(truncated.Valid);
        Assert.NotEqual(published, truncated.HeadHash);
    }
}
