using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

public sealed class BreakGlassTests
{
    private const string Reason = "payment outage INC-42";
    private static readonly FreezeWindow Frozen = new("year-end", null, new TimeWindow(Now.AddDays(-1), Now.AddDays(1), null, null, null, TimeZoneInfo.Utc), null, null, null, null, At);
    private static readonly BreakGlassPolicy StaffMay = new(Filter(new LevelRange(AtLeast: "staff")), 10, TimeSpan.FromHours(24), At);

    private static CompiledPolicy Policy(BreakGlassPolicy? glass = null, bool freeze = false, params PolicyRule[] rules) =>
        new("policy.yaml", rules.Length > 0 ? rules : [Rule("senior", Requires(from: Filter(new LevelRange(AtLeast: "senior"))))], freeze ? [Frozen] : [], glass ?? StaffMay, []);

    public static TheoryData<string, CompiledPolicy, Func<ChangeFactsBuilder, ChangeFactsBuilder>, string[], OverallStatus, string> Passes() => new()
    {
        { "a pending rule", Policy(), c => c, [], OverallStatus.Pending, "passed by break-glass from Pat (review pending), over senior (pending)" },
        { "a freeze and a pending rule", Policy(freeze: true), c => c, [], OverallStatus.Pending, "passed by break-glass from Pat (review pending), over senior (pending), freeze year-end" },
        { "a freeze alone", Policy(freeze: true), c => c, ["erin"], OverallStatus.Frozen, "passed by break-glass from Pat (review pending), over freeze year-end" },
        { "a rejection: a human no, overridden as GitLab's bypass does", Policy(), c => c, ["una", "-erin"], OverallStatus.Rejected, "passed by break-glass from Pat (review pending), over senior (rejected by Erin)" },
    };

    [Theory]
    [MemberData(nameof(Passes))]
    public void AValidBreakGlassPassesWhatWouldBlock(string name, CompiledPolicy policy, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, string[] said, OverallStatus without, string summary)
    {
        var facts = change(new ChangeFactsBuilder()).Build();
        var signOffs = Said(said).Select(s => s(facts)).ToList();
        Assert.True(without == Evaluate(policy, facts, signOffs).Status, name);
        var result = Evaluate(policy, facts, [Glass("pat", facts, Reason, minutes: 10), .. signOffs]);
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.Equal(summary, result.Summary);
        Assert.True(result.BreakGlass!.Valid);
        Assert.Equal(Now.AddMinutes(-50).AddHours(24), result.BreakGlass.ReviewDue);
    }

    public static TheoryData<string, CompiledPolicy, Func<ChangeFactsBuilder, ChangeFactsBuilder>, string, string, string?, string> Invalid() => new()
    {
        { "a reason that is too short", Policy(), c => c, "pat", "urgent", null, "not valid: the reason has 6 characters; the policy wants at least 10" },
        { "someone the set does not allow", Policy(), c => c, "erin", Reason, null, "not valid: Erin is senior, the rule needs staff or above (break-glass is for someone staff or above)" },
        { "the author, on their own change", Policy(), c => c.AuthoredBy("pat"), "pat", Reason, null, "not valid: Pat is the author, and nobody breaks the glass on their own change" },
        { "the agent's prompter", Policy(), c => c.With(ParticipantRole.Prompter, "pat"), "pat", Reason, null, "not valid: Pat prompted the agent that wrote it, and nobody breaks the glass on their own change" },
        { "someone not in the directory", Policy(), c => c, "ghost", Reason, null, "not valid: ghost is not in the org directory" },
        { "a policy without break-glass", Policy() with { BreakGlass = null }, c => c, "pat", Reason, null, "not valid: the policy does not allow break-glass" },
        { "given for other content", Policy(), c => c.Patch("p2"), "pat", Reason, "p1", "not valid: it was given for other content (patch p1, now p2); new content needs a new break-glass or the sign-offs" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void AnInvalidBreakGlassPassesNothingAndSaysWhy(string name, CompiledPolicy policy, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, string person, string reason, string? patchId, string explanation)
    {
        var facts = change(new ChangeFactsBuilder()).Build();
        var result = Evaluate(policy, facts, [Glass(person, facts, reason, patchId: patchId)]);
        Assert.True(result.Status == OverallStatus.Pending, name);
        Assert.False(result.BreakGlass!.Valid);
        Assert.Equal(explanation, result.BreakGlass.Explanation);
        Assert.EndsWith($"; the break-glass from {result.BreakGlass.PersonName} is {explanation}", result.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<string, CompiledPolicy, Func<ChangeFacts, SignOff>[], int, bool, bool> Reviews() => new()
    {
        { "before the deadline, not yet reviewed", Policy(), [], 23, false, false },
        { "after the deadline, not reviewed: overdue", Policy(), [], 25, false, true },
        { "an eligible approval afterwards reviews it", Policy(), [c => Approve("erin", c, minutes: 30)], 30, true, false },
        { "an approval before the break-glass does not", Policy(), [c => Approve("erin", c, minutes: -30)], 30, false, true },
        { "the breaker's own approval does not", Policy(), [c => Approve("pat", c, minutes: 30)], 30, false, true },
        { "an approval from someone not eligible does not", Policy(), [c => Approve("bob", c, minutes: 30)], 30, false, true },
        { "an approval of other content does not", Policy(), [c => Approve("erin", c, minutes: 30, patchId: "p0")], 30, false, true },
        { "with no enforced rule applying, someone else allowed to break glass reviews", Policy(StaffMay with { Allowed = Filter(new LevelRange(AtLeast: "senior")) }, freeze: true, Rule("warn", Requires(), mode: RuleMode.Warn)), [c => Approve("erin", c, minutes: 30)], 30, true, false },
    };

    [Theory]
    [MemberData(nameof(Reviews))]
    public void ABreakGlassMustBeReviewedByAnEligibleApproverBeforeItsDeadline(string name, CompiledPolicy policy, Func<ChangeFacts, SignOff>[] signOffs, int hoursLater, bool reviewed, bool overdue)
    {
        var facts = new ChangeFactsBuilder().Build();
        var result = Evaluate(policy, facts, [Glass("pat", facts, Reason), .. signOffs.Select(s => s(facts))], now: Now.AddHours(hoursLater - 1));
        Assert.True((reviewed, overdue) == (result.BreakGlass!.Reviewed, result.BreakGlass.Overdue), $"{name}: {result.BreakGlass.Explanation}");
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.Equal(overdue, result.Summary.Contains("OVERDUE", StringComparison.Ordinal));
        Assert.Contains(reviewed ? "reviewed afterwards by Erin" : overdue ? "REVIEW OVERDUE: no eligible approval since; it was due 2026-11-27 09:00Z" : "an eligible approval must review it by 2026-11-27 09:00Z", result.BreakGlass.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverdueReviewIsFlaggedEvenWhenTheRulesAreSatisfiedAnyway()
    {
        var facts = new ChangeFactsBuilder().Build();
        var result = Evaluate(Policy(), facts, [Approve("erin", facts, minutes: -30), Glass("pat", facts, Reason)], now: Now.AddHours(30));
        Assert.Equal(OverallStatus.Satisfied, result.Status);
        Assert.Equal("all 1 applying enforced rule is signed off; break-glass from Pat: REVIEW OVERDUE: no eligible approval since; it was due 2026-11-27 09:00Z", result.Summary);
    }

    [Fact]
    public void TheLatestBreakGlassIsTheOneJudged()
    {
        var facts = new ChangeFactsBuilder().Build();
        var result = Evaluate(Policy(), facts, [Glass("erin", facts, Reason, minutes: 5), Glass("pat", facts, Reason, minutes: 1)]);
        Assert.Equal("erin", result.BreakGlass!.PersonId);
        Assert.False(result.BreakGlass.Valid);
        Assert.Equal(OverallStatus.Pending, result.Status);
    }

    [Fact]
    public void BreakGlassIsNoApproval()
    {
        var facts = new ChangeFactsBuilder().Build();
        var result = Evaluate(Policy(), facts, [Glass("pat", facts, Reason)]);
        Assert.Equal(RuleStatus.Pending, result.Rules[0].Status);
        Assert.Empty(result.Rules[0].Requirement!.Counted);
        Assert.Empty(result.Rules[0].Requirement!.NotCounted);
    }
}
