using Countersign.Core.Policy;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.Policy.Testing;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Testing;

public sealed class PolicyTestRunnerTests
{
    private static readonly CompiledPolicy SeniorOwner = PolicyTestOrg.Policy(
        Rule("senior-owner", Requires(from: Filter(new LevelRange(AtLeast: "senior"), [OwnerSource.Affected]))));

    private const string Change = "{author: dana, provenance: ai, touched: [{name: payments, owner: group:payments}]}";

    private static PolicyTestOutcome Run(string signOffs, string expect)
    {
        var yaml = $"cases:\n  - name: c\n    change: {Change}\n    signoffs: {signOffs}\n    expect: {expect}\n";
        var (cases, diagnostics) = PolicyFixtureReader.Read(yaml, "cases.yaml", Org, Now);
        Assert.Empty(diagnostics);
        return Assert.Single(PolicyTestRunner.Run(SeniorOwner, cases, Org));
    }

    [Theory]
    [InlineData("[]", "{status: pending, rules: {senior-owner: pending}, candidates: {senior-owner: [erin, una]}}")]
    [InlineData("[{by: erin}]", "{status: satisfied, rules: {senior-owner: approved}}")]
    [InlineData("[{by: erin, stale: true}]", "{status: pending}")]
    [InlineData("[{by: una}, {by: erin, kind: reject}]", "{status: rejected, rules: {senior-owner: disapproved}}")]
    public void ACaseThatMatchesThePolicyPasses(string signOffs, string expect)
    {
        var outcome = Run(signOffs, expect);
        Assert.True(outcome.Passed, string.Join("\n", outcome.Differences));
        Assert.Equal(("c", "cases.yaml:2"), (outcome.Name, outcome.Source));
    }

    [Theory]
    [InlineData("[]", "{status: satisfied}", "status: expected satisfied, got pending (1 of 1 applying enforced rule needs sign-off (senior-owner: needs 1 more approval from someone senior or above who owns payments (catalog)))")]
    [InlineData("[{by: erin}]", "{rules: {senior-owner: pending}}", "rule senior-owner: expected pending, got approved (approved by Erin)")]
    [InlineData("[]", "{rules: {senior-ownr: pending}}", "rule senior-ownr: the policy has no such rule (rules: senior-owner)")]
    [InlineData("[]", "{candidates: {senior-owner: [pat, erin]}}", "rule senior-owner: expected pat among the people who can sign off, got erin, una")]
    [InlineData("[{by: erin}]", "{candidates: {senior-owner: [una]}}", "rule senior-owner: expected una among the people who can sign off, got nobody (the rule is approved)")]
    public void ACaseThatDoesNotSaysWhatDiffers(string signOffs, string expect, string difference)
    {
        var outcome = Run(signOffs, expect);
        Assert.False(outcome.Passed);
        Assert.Equal(difference, Assert.Single(outcome.Differences));
    }

    [Fact]
    public void TheEnvironmentAndTimeOfACaseReachTheEvaluation()
    {
        var freeze = new FreezeWindow("prod", null, new TimeWindow(Now.AddDays(1), Now.AddDays(2), null, null, null, TimeZoneInfo.Utc), null, null, ["production"], null, At);
        var policy = new CompiledPolicy("policy.yaml", [], [freeze], null, []);
        const string Yaml = """
            cases:
              - {name: deploy tomorrow, now: 2026-11-27T12:00:00Z, environment: production, change: {}, expect: {status: frozen}}
              - {name: deploy today, environment: production, change: {}, expect: {status: satisfied}}
              - {name: merge tomorrow, now: 2026-11-27T12:00:00Z, change: {}, expect: {status: satisfied}}
            """;
        var (cases, _) = PolicyFixtureReader.Read(Yaml, "cases.yaml", Org, Now);
        Assert.All(PolicyTestRunner.Run(policy, cases, Org), o => Assert.True(o.Passed, $"{o.Name}: {string.Join("; ", o.Differences)}"));
    }
}
