using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

public sealed class VerdictTests
{
    private static readonly FreezeWindow Freeze = new("year-end", null, new TimeWindow(Now.AddDays(-1), Now.AddDays(1), null, null, null, TimeZoneInfo.Utc), null, null, null, null, At);

    /// <summary>Rule "owners" needs a senior owner; "team" needs someone in platform (pat).</summary>
    private static CompiledPolicy Policy(bool frozen) => new("policy.yaml",
        [Rule("owners", Requires(from: Filter(new LevelRange(AtLeast: "senior"), [OwnerSource.Affected]))), Rule("team", Requires(from: Filter(teams: ["platform"])))],
        frozen ? [Freeze] : [], null, []);

    [Theory]
    [InlineData(new[] { "pat", "-erin" }, true, OverallStatus.Rejected, "owners rejected by Erin")]
    [InlineData(new[] { "-erin" }, true, OverallStatus.Rejected, "owners rejected by Erin")] // rejected outranks pending
    [InlineData(new[] { "pat" }, true, OverallStatus.Pending, "1 of 2 applying enforced rules needs sign-off (owners: needs 1 more approval from someone senior or above who owns payments (catalog)); freeze year-end is in force too")]
    [InlineData(new string[0], false, OverallStatus.Pending, "2 of 2 applying enforced rules need sign-off (owners: needs 1 more approval from someone senior or above who owns payments (catalog))")]
    [InlineData(new[] { "pat", "erin" }, true, OverallStatus.Frozen, "freeze year-end is in force")]
    [InlineData(new[] { "pat", "erin" }, false, OverallStatus.Satisfied, "all 2 applying enforced rules are signed off")]
    public void RejectedOutranksPendingWhichOutranksFrozen(string[] said, bool frozen, OverallStatus status, string summary)
    {
        var change = new ChangeFactsBuilder().Build();
        var result = Evaluate(Policy(frozen), change, Said(said).Select(s => s(change)).ToList());
        Assert.Equal(status, result.Status);
        Assert.Equal(summary, result.Summary);
        Assert.Equal(status == OverallStatus.Satisfied, result.Passed);
    }

    [Fact]
    public void WarnRulesAreReportedButNeverBlock()
    {
        var policy = PolicyTestOrg.Policy(Rule("advice", Requires(), mode: RuleMode.Warn), Rule("veto", Requires(from: Filter(teams: ["payments"])), mode: RuleMode.Warn));
        var change = new ChangeFactsBuilder().Build();
        var result = Evaluate(policy, change, [Reject("erin", change)]);
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.Equal([RuleStatus.Disapproved, RuleStatus.Disapproved], result.Rules.Select(r => r.Status));
        Assert.All(result.Rules, r => Assert.False(r.Blocks));
        Assert.Equal("no enforced rule applies to this change; 2 warn-only rules not met", result.Summary);
    }

    [Fact]
    public void SkippedRulesSayWhyAndARuleWithoutConditionsAlwaysApplies()
    {
        var docs = new PathsCondition([new PolicyGlob("docs/**")], null, null, At);
        var policy = PolicyTestOrg.Policy(Rule("docs", Requires(), docs), Rule("always", Requires()));
        var result = Evaluate(policy, new ChangeFactsBuilder().Build());
        Assert.Equal(RuleStatus.Skipped, result.Rules[0].Status);
        Assert.Equal("skipped: no changed file matches docs/**", result.Rules[0].Summary);
        Assert.Null(result.Rules[0].Requirement);
        Assert.Null(result.Rules[1].Condition);
        Assert.Equal(RuleStatus.Pending, result.Rules[1].Status);
    }

    [Fact]
    public void APolicyWhoseRulesAllSkipIsSatisfied()
    {
        var human = new ProvenanceCondition([ProvenanceStatus.HumanDeclared], null, null, At);
        var result = Evaluate(PolicyTestOrg.Policy(Rule("human", Requires(), human)), new ChangeFactsBuilder().Build());
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.Equal("no enforced rule applies to this change", result.Summary);
    }

    [Fact]
    public void TheResultMirrorsThePolicyAndNamesTheChange()
    {
        var change = new ChangeFactsBuilder().Build();
        var result = Evaluate(Policy(false), change);
        Assert.Equal(["owners", "team"], result.Rules.Select(r => r.Name));
        Assert.Equal(("pr/1", "p1", Now), (result.ChangeKey, result.PatchId, result.EvaluatedAt));
        Assert.Equal(At, result.Rules[0].Position);
    }

    [Fact]
    public void APersonsLatestWordCountsAndATieGoesToTheLaterOne()
    {
        var change = new ChangeFactsBuilder().Build();
        var policy = PolicyTestOrg.Policy(Rule("r", Requires(from: Filter(teams: ["payments"]))));
        Assert.Equal(OverallStatus.Rejected, Evaluate(policy, change, [Approve("erin", change, 1), Reject("erin", change, 1)]).Status);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(policy, change, [Reject("erin", change, 1), Approve("erin", change, 1)]).Status);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(policy, change, [Approve("erin", change, 2), Reject("erin", change, 1)]).Status);
    }
}
