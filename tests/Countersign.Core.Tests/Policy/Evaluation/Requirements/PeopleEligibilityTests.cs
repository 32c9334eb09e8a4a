using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class PeopleEligibilityTests
{
    [Theory]
    [InlineData("bob", null)] // listed: no other part of the filter, so any level
    [InlineData("pat", null)]
    [InlineData("erin", "Erin is not one of bob, pat")]
    [InlineData("Bob", "Bob is not in the org directory")] // ids are case-sensitive
    public void PeopleAreListedById(string approver, string? refusal)
    {
        var rule = EvaluateRule(Requires(from: Filter(people: ["bob", "pat"])), new ChangeFactsBuilder(), Said(approver));
        Assert.Equal(refusal is null ? RuleStatus.Approved : RuleStatus.Pending, rule.Status);
        Assert.Equal(refusal, rule.Requirement!.NotCounted.SingleOrDefault()?.Reason);
    }

    [Fact]
    public void EveryPartOfAFilterMustHold()
    {
        var rule = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "senior"), people: ["bob", "pat"])), new ChangeFactsBuilder(), Said("bob"));
        Assert.Equal("Bob is mid, the rule needs senior or above", Assert.Single(rule.Requirement!.NotCounted).Reason);
        Assert.Equal("someone senior or above among bob, pat", rule.Requirement.Eligibility);
    }
}
