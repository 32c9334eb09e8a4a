using Countersign.Core.Changes;
using Countersign.Core.Deploys;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Tests.Policy;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Deploys;

/// <summary>The one deploy decision, which <c>deploy-gate</c> and the server's <c>POST /api/v1/deploys</c> both take.</summary>
public sealed class DeployGateTests
{
    private static readonly FreezeWindow ProductionFreeze = new("year-end", "year end", new TimeWindow(Now.AddDays(-1), Now.AddDays(1), null, null, null, TimeZoneInfo.Utc),
        null, null, ["production"], null, At);

    private static readonly CompiledPolicy Senior = new("policy.yaml", [Rule("senior", Requires(from: Filter(new LevelRange(AtLeast: "senior"))))], [], null, []);

    private static DeployTarget To(string environment) => new(environment, Org, new IdentityResolver(Org), Now);

    private static ChangeFacts Change(string key, string patch) => new ChangeFactsBuilder().Patch(patch).Build() with { Key = key };

    [Fact]
    public void ADeployShipsTheChangesThatTouchOrReachTheService()
    {
        var touching = new ChangeFactsBuilder().Build();
        var reaching = new ChangeFactsBuilder().NoComponents().Reaching("checkout", 1, null).Build();

        Assert.True(DeployGate.Ships(touching, "component:default/payments"));
        Assert.False(DeployGate.Ships(touching, "component:default/checkout"));
        Assert.True(DeployGate.Ships(reaching, "component:default/checkout"));
        Assert.False(DeployGate.Ships(reaching, "component:default/payments"));
    }

    [Fact]
    public void ADeployGoesOnlyWhenEveryShippedChangePasses()
    {
        var signed = Change("commit/a", "pa");
        var unsigned = Change("commit/b", "pb");

        var verdict = DeployGate.Decide(Senior, [new("a", signed, [Approve("erin", signed)]), new("b", unsigned, [])], To("production"));

        Assert.False(verdict.Allowed);
        Assert.Equal(["a", "b"], verdict.Changes.Select(c => c.Commit));
        Assert.Equal("b", Assert.Single(verdict.Blocking).Commit);
        Assert.Equal(OverallStatus.Pending, verdict.Changes[1].Result.Status);
    }

    [Fact]
    public void EachShippedChangeIsJudgedWithItsOwnSignOffs()
    {
        var first = Change("commit/a", "pa");
        var second = Change("commit/b", "pb");

        var verdict = DeployGate.Decide(Senior, [new("a", first, [Approve("erin", first)]), new("b", second, [Approve("sam", second)])], To("production"));

        Assert.True(verdict.Allowed);
        Assert.All(verdict.Changes, c => Assert.Equal(OverallStatus.Satisfied, c.Result.Status));
        Assert.Equal("sam", Assert.Single(verdict.Changes[1].SignOffs).PersonId);
    }

    [Fact]
    public void AFreezeOnTheEnvironmentHoldsADeployOfSignedOffChangesThere()
    {
        var change = Change("commit/a", "pa");
        var policy = Senior with { Freezes = [ProductionFreeze] };

        var toProduction = DeployGate.Decide(policy, [new("a", change, [Approve("erin", change)])], To("production"));
        var toStaging = DeployGate.Decide(policy, [new("a", change, [Approve("erin", change)])], To("staging"));

        Assert.False(toProduction.Allowed);
        Assert.Equal(OverallStatus.Frozen, toProduction.Changes[0].Result.Status);
        Assert.True(toStaging.Allowed);
    }

    [Fact]
    public void ADeployThatShipsNothingForTheServiceIsAllowed()
    {
        var verdict = DeployGate.Decide(Senior, [], To("production"));

        Assert.True(verdict.Allowed);
        Assert.Empty(verdict.Changes);
    }
}
