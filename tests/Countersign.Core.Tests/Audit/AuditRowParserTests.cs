using System.Text.Json.Nodes;
using Countersign.Core.Audit;

namespace Countersign.Core.Tests.Audit;

/// <summary>Stored rows that are not well formed are named column by column, never thrown.</summary>
public sealed class AuditRowParserTests
{
    private static readonly AuditRecord Intact = AuditChain.Next(null, new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), "change.registered", "token:ci", new JsonObject { ["change"] = 1 });

    [Theory]
    [InlineData("garbage")]
    [InlineData("2026-12-03 10:00:00")]
    [InlineData("2026-12-03T10:00:00Z")]
    [InlineData("2026-12-03T10:00:00.0000000+00:00")]
    [InlineData("")]
    public void ATimeInAnyOtherFormIsNamed(string at)
    {
        var verifier = new AuditVerifier();
        verifier.Add(AuditRow.From(Intact) with { At = at });
        var problem = Assert.Single(verifier.Finish(head: null).Problems);
        Assert.Equal(("malformed", "at", 1L), (problem.Kind, problem.Field, problem.Sequence));
    }

    [Fact]
    public void EveryGarbledColumnIsNamedAtOnce()
    {
        var verifier = new AuditVerifier();
        verifier.Add(new AuditRow("x1", "then", "", null, "{", "abc", "ABC"));
        var fields = verifier.Finish(head: null).Problems.Select(p => p.Field).ToList();
        Assert.Equal(["sequence", "at", "kind", "actor", "content", "previous_hash", "hash"], fields);
    }

    [Fact]
    public void ControlCharactersInStoredValuesAreShownEscaped()
    {
        var verifier = new AuditVerifier();
        verifier.Add(AuditRow.From(Intact) with { At = "\u001b]0;PWNED\u0007" });
        var explanation = Assert.Single(verifier.Finish(head: null).Problems).Explanation;
        Assert.DoesNotContain('\u001b', explanation);
        Assert.Contains("\\u001B]0;PWNED", explanation);
    }

    [Fact]
    public void AMissingOrGarbledHeadRowIsNamed()
    {
        var missing = new AuditVerifier();
        missing.Add(AuditRow.From(Intact));
        Assert.Equal("head-missing", Assert.Single(missing.Finish([]).Problems).Kind);

        var garbled = new AuditVerifier();
        garbled.Add(AuditRow.From(Intact));
        var result = garbled.Finish([new AuditHeadRow("1", "one", Intact.Hash)]);
        Assert.Equal(("malformed", "audit_head.sequence"), (Assert.Single(result.Problems).Kind, result.Problems[0].Field));
        Assert.Null(result.RecordedHead);
    }
}
