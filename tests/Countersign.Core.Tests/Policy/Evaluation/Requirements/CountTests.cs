using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class CountTests
{
    private static readonly LevelRange Senior = new(AtLeast: "senior");

    [Theory]
    [InlineData(1, new[] { "erin" }, RuleStatus.Approved, "")]
    [InlineData(1, new string[0], RuleStatus.Pending, "needs 1 more approval from someone senior or above")]
    [InlineData(2, new[] { "erin" }, RuleStatus.Pending, "needs 1 more approval from someone senior or above")]
    [InlineData(2, new[] { "erin", "sam" }, RuleStatus.Approved, "")]
    [InlineData(3, new[] { "erin" }, RuleStatus.Pending, "needs 2 more approvals from someone senior or above")]
    [InlineData(2, new[] { "erin", "erin" }, RuleStatus.Pending, "needs 1 more approval")] // one person counts once
    [InlineData(2, new[] { "erin", "bob", "dana" }, RuleStatus.Pending, "needs 1 more approval")] // only eligible people count
    public void ARuleNeedsThatManyDistinctEligiblePeople(int count, string[] approvers, RuleStatus status, string missing)
    {
        var rule = EvaluateRule(Requires(count, Filter(Senior)), new ChangeFactsBuilder(), Said(approvers));
        Assert.Equal(status, rule.Status);
        Assert.StartsWith(missing, rule.Requirement!.Missing, StringComparison.Ordinal);
        Assert.Equal(count, rule.Requirement.Needed);
        Assert.Equal(approvers.Distinct().Count(a => a is "erin" or "sam"), rule.Requirement.Counted.Count);
    }

    [Fact]
    public void AnApprovedRuleSaysWhoApproved()
    {
        var rule = EvaluateRule(Requires(2, Filter(Senior)), new ChangeFactsBuilder(), Said("erin", "sam"));
        Assert.Equal("approved by Erin, Sam", rule.Summary);
        Assert.Empty(rule.Requirement!.Candidates);
        Assert.False(rule.Blocks);
    }
}
