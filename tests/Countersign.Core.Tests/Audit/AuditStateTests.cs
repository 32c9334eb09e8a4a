using System.Text.Json.Nodes;
using Countersign.Core.Audit;

namespace Countersign.Core.Tests.Audit;

/// <summary>The chain vouches for the state rows: folding a row's records gives the values it must hold.</summary>
public sealed class AuditStateTests
{
    private static AuditStateEvent Event(long sequence, string kind, JsonObject content) => new(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), kind, CanonicalJson.Canonicalize(content));

    private static readonly AuditStateEvent Decided = Event(4, "deploy.decided", new JsonObject
    {
        ["decision"] = 9, ["repository"] = "acme/shop", ["service"] = "payments", ["environment"] = "prod", ["from"] = null, ["to"] = "abc", ["allowed"] = false,
    });

    private static Dictionary<string, string?> DeployRow(string allowed = "false") => new()
    {
        ["repository"] = "acme/shop", ["service"] = "payments", ["environment"] = "prod", ["from_sha"] = null, ["to_sha"] = "abc", ["allowed"] = allowed,
    };

    [Fact]
    public void RecordsNameTheRowTheyAreAbout()
    {
        Assert.Equal("deploy:9", AuditState.SubjectOf(Decided.Kind, Decided.Content));
        Assert.Equal("signoff:s1", AuditState.SubjectOf("signoff.dismissed", """{"signOff":"s1"}"""));
        Assert.Null(AuditState.SubjectOf("org.imported", """{"version":3}"""));
        Assert.Null(AuditState.SubjectOf("token.created", "{not json"));
    }

    [Fact]
    public void ARowThatMatchesItsRecordsHasNoProblem() =>
        Assert.Empty(AuditState.Reconcile("deploy:9", [Decided], DeployRow()));

    [Fact]
    public void AFlippedDeployDecisionIsNamedWithItsColumn()
    {
        var problem = Assert.Single(AuditState.Reconcile("deploy:9", [Decided], DeployRow(allowed: "true")));
        Assert.Equal(("row-differs", "allowed", 4L), (problem.Kind, problem.Field, problem.Sequence));
        Assert.Equal("deploy_decisions row \"9\": allowed is \"true\" but record #4 (deploy.decided) recorded \"false\"", problem.Explanation);
    }

    [Fact]
    public void ALaterRecordSupersedesAnEarlierOne()
    {
        var created = Event(2, "token.created", new JsonObject { ["token"] = "t1", ["name"] = "ci", ["scope"] = "ci", ["person"] = null, ["expiresAt"] = "2027-01-01T00:00:00.0000000Z" });
        var revoked = Event(5, "token.revoked", new JsonObject { ["token"] = "t1" });
        var row = new Dictionary<string, string?> { ["name"] = "ci", ["scope"] = "ci", ["person_id"] = null, ["expires_at"] = "2027-01-01T00:00:00.0000000Z", ["revoked"] = "false" };
        var problem = Assert.Single(AuditState.Reconcile("token:t1", [created, revoked], row));
        Assert.Equal(("revoked", 5L), (problem.Field, problem.Sequence));
        Assert.Empty(AuditState.Reconcile("token:t1", [created, revoked], new Dictionary<string, string?>(row) { ["revoked"] = "true" }));
    }

    [Fact]
    public void ARowWithoutRecordsAndARecordWithoutItsRowAreBothNamed()
    {
        Assert.Equal("unaccounted-row", Assert.Single(AuditState.Reconcile("deploy:9", [], DeployRow())).Kind);
        var missing = Assert.Single(AuditState.Reconcile("deploy:9", [Decided], null));
        Assert.Equal(("missing-row", 4L), (missing.Kind, missing.Sequence));
    }

    [Fact]
    public void OldChangeRecordsWithoutHashesDoNotVouchForFacts()
    {
        var registered = Event(1, "change.registered", new JsonObject { ["change"] = 1, ["repository"] = "r", ["key"] = "pr/1", ["revision"] = 1, ["head"] = "h", ["patchId"] = "p" });
        var row = new Dictionary<string, string?> { ["repository"] = "r", ["change_key"] = "pr/1", ["revision"] = "1", ["head_sha"] = "h", ["patch_id"] = "p", ["facts_hash"] = "anything" };
        Assert.Empty(AuditState.Reconcile("change:1", [registered], row));
        var vouched = Event(1, "change.registered", new JsonObject { ["change"] = 1, ["repository"] = "r", ["key"] = "pr/1", ["revision"] = 1, ["head"] = "h", ["patchId"] = "p", ["factsHash"] = "f1" });
        Assert.Equal("facts_hash", Assert.Single(AuditState.Reconcile("change:1", [vouched], row)).Field);
    }
}
