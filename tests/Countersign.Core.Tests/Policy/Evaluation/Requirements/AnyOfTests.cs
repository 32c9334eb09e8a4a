using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class AnyOfTests
{
    private static readonly ApproverUnion BobOrStaff = new([Filter(people: ["bob"]), Filter(new LevelRange(AtLeast: "staff"))], At);

    [Theory]
    [InlineData("bob", null)]
    [InlineData("pat", null)]
    [InlineData("erin", "Erin is not one of bob; and Erin is senior, the rule needs staff or above")]
    public void APersonInAnyOptionIsInTheSet(string approver, string? refusal)
    {
        var rule = EvaluateRule(Requires(from: BobOrStaff), new ChangeFactsBuilder(), Said(approver));
        Assert.Equal(refusal is null ? RuleStatus.Approved : RuleStatus.Pending, rule.Status);
        Assert.Equal(refusal, rule.Requirement!.NotCounted.SingleOrDefault()?.Reason);
    }

    [Fact]
    public void ApproversFromDifferentOptionsCountTogether()
    {
        var rule = EvaluateRule(Requires(2, BobOrStaff), new ChangeFactsBuilder(), Said("bob", "pat"));
        Assert.Equal(RuleStatus.Approved, rule.Status);
        Assert.Equal("someone among bob, or someone staff or above", rule.Requirement!.Eligibility);
    }
}
