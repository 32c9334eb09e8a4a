using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Core.Tests.Policy;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.SignOffs;

/// <summary>The one judgement of a sign-off before it is stored, which the CLI, the server and the dashboard all ask.</summary>
public sealed class SignOffPreviewTests
{
    private static readonly CompiledPolicy SeniorOfPayments = new("policy.yaml",
        [Rule("senior-payments", Requires(from: Filter(new LevelRange(AtLeast: "senior"), teams: ["payments"])))], [], null, []);

    private static readonly BreakGlassPolicy StaffMay = new(Filter(new LevelRange(AtLeast: "staff")), 10, TimeSpan.FromHours(24), At);

    private static readonly ChangeFacts Change = new ChangeFactsBuilder().Build();

    [Fact]
    public void TheAuthorsOwnApprovalIsRefusedNamingTheRuleThatWouldNotCountIt()
    {
        var judgement = SignOffPreview.Judge(SeniorOfPayments, Context(Change), [], Approve("dana", Change));

        Assert.False(judgement.Counts);
        var reason = Assert.Single(judgement.Refusal!);
        Assert.StartsWith("senior-payments: ", reason, StringComparison.Ordinal);
        Assert.Contains("author", reason, StringComparison.Ordinal);
        Assert.Empty(judgement.Rules);
    }

    [Fact]
    public void AnEligibleSeniorsApprovalCountsAndNamesTheRulesItSatisfies()
    {
        var judgement = SignOffPreview.Judge(SeniorOfPayments, Context(Change), [], Approve("erin", Change));

        Assert.True(judgement.Counts);
        Assert.Null(judgement.Refusal);
        Assert.Equal(["senior-payments"], judgement.Rules);
        Assert.Equal(OverallStatus.Satisfied, judgement.Simulated.Status);
    }

    [Fact]
    public void SomeoneOutsideTheRulesApproversIsRefusedWithWhy()
    {
        var judgement = SignOffPreview.Judge(SeniorOfPayments, Context(Change), [], Approve("sam", Change));

        Assert.False(judgement.Counts);
        Assert.Equal(OverallStatus.Pending, judgement.Simulated.Status);
        Assert.Contains(judgement.Refusal!, r => r.StartsWith("senior-payments: ", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEligibleReviewersRejectionCountsAsARejection()
    {
        var judgement = SignOffPreview.Judge(SeniorOfPayments, Context(Change), [], Reject("erin", Change));

        Assert.True(judgement.Counts);
        Assert.Equal(OverallStatus.Rejected, judgement.Simulated.Status);
    }

    [Fact]
    public void TheJudgementSeesTheSignOffsAlreadyRecorded()
    {
        var twoSeniors = new CompiledPolicy("policy.yaml",
            [Rule("two-seniors", Requires(count: 2, from: Filter(new LevelRange(AtLeast: "senior"), teams: ["payments"])))], [], null, []);

        var alone = SignOffPreview.Judge(twoSeniors, Context(Change), [], Approve("una", Change, minutes: 2));
        var second = SignOffPreview.Judge(twoSeniors, Context(Change), [Approve("erin", Change, minutes: 1)], Approve("una", Change, minutes: 2));

        Assert.True(alone.Counts);
        Assert.Equal(OverallStatus.Pending, alone.Simulated.Status);
        Assert.True(second.Counts);
        Assert.Equal(OverallStatus.Satisfied, second.Simulated.Status);
    }

    [Fact]
    public void ABreakGlassCountsOnlyFromWhomThePolicyAllows()
    {
        var policy = SeniorOfPayments with { BreakGlass = StaffMay };

        var byMid = SignOffPreview.Judge(policy, Context(Change), [], Glass("bob", Change, "payment outage INC-42"));
        var byStaff = SignOffPreview.Judge(policy, Context(Change), [], Glass("pat", Change, "payment outage INC-42"));

        Assert.False(byMid.Counts);
        Assert.Single(byMid.Refusal!);
        Assert.True(byStaff.Counts);
        Assert.Equal(["break-glass"], byStaff.Rules);
    }

    [Fact]
    public void ABreakGlassIsRefusedWhenThePolicyDoesNotAllowOne()
    {
        var judgement = SignOffPreview.Judge(SeniorOfPayments, Context(Change), [], Glass("pat", Change, "payment outage INC-42"));

        Assert.False(judgement.Counts);
        Assert.Contains("does not allow break-glass", Assert.Single(judgement.Refusal!), StringComparison.Ordinal);
    }
}
