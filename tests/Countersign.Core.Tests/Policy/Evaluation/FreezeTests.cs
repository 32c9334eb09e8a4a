using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

public sealed class FreezeTests
{
    private static readonly FreezeWindow YearEnd = new("year-end", "year end", new TimeWindow(Now.AddDays(-1), Now.AddDays(1), null, null, null, TimeZoneInfo.Utc),
        [new PolicyGlob("main")], null, null, new LabelsCondition(["hotfix"], null, null, At), At);

    public static TheoryData<string, FreezeWindow, Func<ChangeFactsBuilder, ChangeFactsBuilder>, int, string?, bool, bool, string> Cases() => new()
    {
        { "in force on its branch", YearEnd, c => c, 0, null, true, false, "in force (branch main): " },
        { "not yet in force", YearEnd, c => c, -2, null, false, false, "not in force now (" },
        { "no longer in force (the end is exclusive)", YearEnd, c => c, 1, null, false, false, "not in force now (" },
        { "excepted by a hotfix label", YearEnd, c => c.Labels("hotfix"), 0, null, true, true, "— year end; excepted: labelled hotfix" },
        { "another branch", YearEnd, c => c.Branches("develop"), 0, null, false, false, "in force, but not for branch develop" },
        { "an unknown target branch is held (fail closed)", YearEnd, c => c.Branches(null), 0, null, true, false, "in force (an unknown target branch)" },
        { "every branch when none is listed", YearEnd with { Branches = null }, c => c.Branches("develop"), 0, null, true, false, "in force: " },
        { "a service it does not name", YearEnd with { Services = ["search"] }, c => c, 0, null, false, false, "in force, but the change affects none of search" },
        { "a touched service it names", YearEnd with { Services = ["search", "payments"] }, c => c, 0, null, true, false, "in force (branch main, touches payments)" },
        { "a reached service it names by ref", YearEnd with { Services = ["component:default/checkout"] }, c => c.Reaching("checkout", 1, null), 0, null, true, false, "reaches checkout" },
        { "an environment freeze does not hold a merge", YearEnd with { Environments = ["production"] }, c => c, 0, null, false, false, "in force for deploys to production only" },
        { "it holds a deploy to its environment", YearEnd with { Environments = ["production"] }, c => c, 0, "Production", true, false, "deploy to Production" },
        { "not a deploy to another environment", YearEnd with { Environments = ["production"] }, c => c, 0, "staging", false, false, "in force for deploys to production only" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AFreezeHoldsInItsWindowForItsBranchesServicesAndEnvironmentsUnlessExcepted(
        string name, FreezeWindow freeze, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, int days, string? environment, bool active, bool excepted, string explanation)
    {
        var facts = change(new ChangeFactsBuilder()).Build();
        var policy = new CompiledPolicy("policy.yaml", [Rule("r", Requires())], [freeze], null, []);
        var result = Evaluate(policy, facts, [Approve("erin", facts)], now: Now.AddDays(days), environment: environment);
        var verdict = Assert.Single(result.Freezes);
        Assert.True((active, excepted) == (verdict.Active, verdict.Excepted), $"{name}: {verdict.Explanation}");
        Assert.Contains(explanation, verdict.Explanation, StringComparison.Ordinal);
        Assert.Equal(active && !excepted ? OverallStatus.Frozen : OverallStatus.Satisfied, result.Status);
    }

    [Fact]
    public void AWeeklyFreezeHoldsOnlyInItsHours()
    {
        var friday = new FreezeWindow("friday", null, new TimeWindow(null, null, [DayOfWeek.Friday], new TimeOnly(16, 0), null, TimeZoneInfo.Utc), null, null, null, null, At);
        var policy = new CompiledPolicy("policy.yaml", [], [friday], null, []);
        var change = new ChangeFactsBuilder().Build();
        Assert.Equal(OverallStatus.Frozen, Evaluate(policy, change, now: new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero)).Status);
        Assert.Equal(OverallStatus.Satisfied, Evaluate(policy, change, now: new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero)).Status);
        Assert.Equal("freeze friday is in force", Evaluate(policy, change, now: new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero)).Summary);
    }
}
