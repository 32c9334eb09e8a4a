using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class DisapprovalTests
{
    private static readonly ApproverFilter SeniorOwner = Filter(new LevelRange(AtLeast: "senior"), [OwnerSource.Affected]);

    [Theory]
    [InlineData(new[] { "una", "-erin" }, true, RuleStatus.Disapproved)] // an eligible rejection blocks despite an approval
    [InlineData(new[] { "-erin", "erin" }, true, RuleStatus.Approved)] // a later approval by the same person lifts it
    [InlineData(new[] { "erin", "-erin" }, true, RuleStatus.Disapproved)] // a later rejection revokes the approval
    [InlineData(new[] { "-erin", "una" }, true, RuleStatus.Disapproved)] // someone else's approval does not lift it
    [InlineData(new[] { "una", "-erin" }, false, RuleStatus.Approved)] // the rule ignores rejections
    [InlineData(new[] { "una", "-sam" }, true, RuleStatus.Approved)] // sam owns nothing affected: not eligible, no block
    [InlineData(new[] { "una", "-dana" }, true, RuleStatus.Approved)] // the author cannot block either
    public void AnEligiblePersonsCurrentRejectionBlocks(string[] said, bool disapproval, RuleStatus status)
    {
        var rule = EvaluateRule(Requires(from: SeniorOwner, disapproval: disapproval), new ChangeFactsBuilder(), Said(said));
        Assert.Equal(status, rule.Status);
    }

    [Fact]
    public void ABlockedRuleNamesWhoRejectedAndStillListsWhoCouldApprove()
    {
        var rule = EvaluateRule(Requires(from: SeniorOwner), new ChangeFactsBuilder(), Said("-erin"));
        Assert.Equal("rejected by Erin; it stays blocked until they approve", rule.Summary);
        Assert.Equal("Erin", Assert.Single(rule.Requirement!.Rejections).PersonName);
        Assert.True(rule.Blocks);
    }

    [Fact]
    public void ARejectionDoesNotGoStaleWithNewContent()
    {
        var change = new ChangeFactsBuilder().Patch("p2").Build();
        var result = Evaluate(PolicyTestOrg.Policy(Rule("r", Requires(from: SeniorOwner))), change, [Approve("una", change, 2), Reject("erin", change, 1, patchId: "p1")]);
        Assert.Equal(RuleStatus.Disapproved, result.Rules[0].Status);
    }
}
