using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

/// <summary>
/// <see cref="PolicyEvaluator.DependsOnTime"/> says when a result evaluated earlier is the result now (hosts then skip
/// evaluating again): never with a freeze, a time condition however deeply nested, or a break-glass, and every result
/// it calls timeless is the same at any time.
/// </summary>
public sealed class TimeDependenceTests
{
    private static readonly TimeWindow Fridays = new(null, null, [DayOfWeek.Friday], new TimeOnly(16, 0), null, TimeZoneInfo.Utc);

    [Fact]
    public void A_policy_of_paths_provenance_and_people_with_approvals_does_not_depend_on_the_time_and_evaluates_the_same_a_year_later()
    {
        var facts = new ChangeFactsBuilder().Build();
        var condition = new AllCondition([new LabelsCondition(["hotfix"], null, null, At), new NotCondition(new LabelsCondition(null, null, ["wip"], At), At)], At);
        var policy = PolicyTestOrg.Policy(Rule("r", Requires(), new AnyCondition([condition, new LabelsCondition(null, null, ["x"], At)], At)));
        Assert.False(PolicyEvaluator.DependsOnTime(policy, [Approve("erin", facts)]));

        var now = Evaluate(policy, facts, [Approve("erin", facts)]);
        var later = Evaluate(policy, facts, [Approve("erin", facts)], now: Now.AddDays(365));
        Assert.Equal(now.Status, later.Status);
        Assert.Equal(now.Summary, later.Summary);
    }

    [Fact]
    public void A_time_condition_nested_in_any_all_or_not_makes_a_policy_depend_on_the_time()
    {
        var time = new TimeCondition(Fridays, At);
        Assert.True(PolicyEvaluator.DependsOnTime(PolicyTestOrg.Policy(Rule("r", Requires(), time)), []));
        Assert.True(PolicyEvaluator.DependsOnTime(PolicyTestOrg.Policy(Rule("r", Requires(), new AnyCondition([new LabelsCondition(["a"], null, null, At), new NotCondition(time, At)], At))), []));
        Assert.True(PolicyEvaluator.DependsOnTime(PolicyTestOrg.Policy(Rule("a", Requires()), Rule("b", Requires(), new AllCondition([new AllCondition([time], At)], At))), []));
    }

    [Fact]
    public void A_freeze_window_or_a_break_glass_makes_an_evaluation_depend_on_the_time()
    {
        var facts = new ChangeFactsBuilder().Build();
        var freeze = new FreezeWindow("friday", null, Fridays, null, null, null, null, At);
        Assert.True(PolicyEvaluator.DependsOnTime(new CompiledPolicy("policy.yaml", [], [freeze], null, []), []));
        Assert.True(PolicyEvaluator.DependsOnTime(PolicyTestOrg.Policy(Rule("r", Requires())), [Approve("erin", facts), Glass("pat", facts, "prod is down, fixing")]));
        Assert.False(PolicyEvaluator.DependsOnTime(PolicyTestOrg.Policy(Rule("r", Requires())), [Approve("erin", facts)]));
    }
}
