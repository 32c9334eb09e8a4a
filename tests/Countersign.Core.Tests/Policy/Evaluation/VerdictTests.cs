using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

public sealed class VerdictTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly FreezeWindow Holidays = new("holidays", "year end", new TimeWindow(Now.AddDays(-1), Now.AddDays(1), null, null, null, Utc),
        [new PolicyGlob("main")], null, null, new LabelsCondition(["hotfix"], null, null, At), At);

    private static CompiledPolicy WithFreeze(params FreezeWindow[] freezes) =>
        new("policy.yaml", [Rule("senior", Requires(from: Filter(new LevelRange(AtLeast: "senior"))))], freezes,
            new BreakGlassPolicy(Filter(new LevelRange(AtLeast: "staff")), 10, TimeSpan.FromHours(24), At), [new PolicyGlob("main")]);

    private static SignOff Glass(string person, string reason, int minutes = 0) =>
        new($"g-{person}", "pr/1", person, SignOffKind.BreakGlass, "p1", new Dictionary<string, string>(), "b", Now.AddMinutes(minutes), reason);

    [Fact]
    public void SkippedRulesSayWhyAndASkippedOnlyPolicyIsSatisfied()
    {
        var policy = PolicyTestOrg.Policy(Rule("docs", Requires(), new PathsCondition([new PolicyGlob("docs/**")], null, null, At)));
        var result = Evaluate(policy, new ChangeFactsBuilder().Build());
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.Equal(RuleStatus.Skipped, result.Rules[0].Status);
        Assert.Equal("no enforced rule applies to this change", result.Summary);
    }

    [Fact]
    public void WarnRulesAreReportedButNeverBlock()
    {
        var policy = PolicyTestOrg.Policy(Rule("advice", Requires(), mode: RuleMode.Warn));
        var result = Evaluate(policy, new ChangeFactsBuilder().Build());
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.Equal(RuleStatus.Pending, result.Rules[0].Status);
        Assert.False(result.Rules[0].Blocks);
        Assert.Contains("1 warn-only rule not met", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectedOutranksPendingInTheVerdict()
    {
        var policy = PolicyTestOrg.Policy(Rule("a", Requires(from: Filter(teams: ["payments"]))), Rule("b", Requires(count: 3)));
        var change = new ChangeFactsBuilder().Build();
        Assert.Equal(OverallStatus.Pending, Evaluate(policy, change).Status);
        Assert.Equal(OverallStatus.Rejected, Evaluate(policy, change, [Reject("erin", change)]).Status);
    }

    [Fact]
    public void AFreezeHoldsASignedOffChangeUnlessExcepted()
    {
        var change = new ChangeFactsBuilder().Build();
        var result = Evaluate(WithFreeze(Holidays), change, [Approve("erin", change)]);
        Assert.Equal(OverallStatus.Frozen, result.Status);
        Assert.Contains("year end", result.Freezes[0].Explanation, StringComparison.Ordinal);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(WithFreeze(Holidays), new ChangeFactsBuilder().Labels("hotfix").Build(), [Approve("erin", change)]).Status);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(WithFreeze(Holidays), change, [Approve("erin", change)], now: Now.AddDays(2)).Status);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(WithFreeze(Holidays), new ChangeFactsBuilder().Branches("develop").Build(), [Approve("erin", change)]).Status);
    }

    [Fact]
    public void FreezesCanNameServicesAndEnvironments()
    {
        var change = new ChangeFactsBuilder().Build();
        var approvals = new[] { Approve("erin", change) };
        var otherService = Holidays with { Except = null, Services = ["search"] };
        var production = Holidays with { Except = null, Environments = ["production"] };
        Assert.Equal(OverallStatus.Satisfied, Evaluate(WithFreeze(otherService), change, approvals).Status);
        Assert.Equal(OverallStatus.Frozen, Evaluate(WithFreeze(otherService with { Services = ["payments"] }), change, approvals).Status);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(WithFreeze(production), change, approvals).Status);
        Assert.Equal(OverallStatus.Frozen, Evaluate(WithFreeze(production), change, approvals, environment: "production").Status);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(WithFreeze(production), change, approvals, environment: "staging").Status);
    }

    [Fact]
    public void AValidBreakGlassPassesAFrozenPendingChangeAndOpensAReviewDeadline()
    {
        var change = new ChangeFactsBuilder().Build();
        var result = Evaluate(WithFreeze(Holidays), change, [Glass("pat", "payment outage INC-42")]);
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.True(result.BreakGlass!.Valid);
        Assert.Equal(Now.AddHours(24), result.BreakGlass.ReviewDue);
        Assert.Contains("review pending", result.Summary, StringComparison.Ordinal);

        var overdue = Evaluate(WithFreeze(Holidays), change, [Glass("pat", "payment outage INC-42")], now: Now.AddHours(30));
        Assert.True(overdue.BreakGlass!.Overdue);
        Assert.Contains("OVERDUE", overdue.Summary, StringComparison.Ordinal);

        var reviewed = Evaluate(WithFreeze(Holidays), change, [Glass("pat", "payment outage INC-42"), Approve("erin", change, minutes: 120)], now: Now.AddHours(30));
        Assert.True(reviewed.BreakGlass!.Reviewed);
        Assert.False(reviewed.BreakGlass.Overdue);
    }

    [Theory]
    [InlineData("erin", "payment outage INC-42", "Erin is senior, the rule needs staff or above")]
    [InlineData("pat", "urgent", "the reason has 6 characters; the policy wants at least 10")]
    [InlineData("dana", "payment outage INC-42", "Dana took part in the change (author)")]
    public void AnInvalidBreakGlassPassesNothingAndSaysWhy(string person, string reason, string why)
    {
        var change = new ChangeFactsBuilder().Build();
        var result = Evaluate(WithFreeze(Holidays), change, [Glass(person, reason)]);
        Assert.Equal(OverallStatus.Frozen, result.Status);
        Assert.False(result.BreakGlass!.Valid);
        Assert.Contains(why, result.BreakGlass.Explanation, StringComparison.Ordinal);
    }
}
