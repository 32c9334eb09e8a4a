using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class TeamEligibilityTests
{
    [Theory]
    [InlineData("payments", "erin", null)]
    [InlineData("commerce", "sam", null)] // checkout is a sub-team of commerce
    [InlineData("commerce", "una", null)]
    [InlineData("checkout", "una", null)] // una is in two teams
    [InlineData("platform", "sam", "Sam is in none of the teams platform")]
    [InlineData("payments", "pat", "Pat is in none of the teams payments")]
    [InlineData("checkout", "erin", "Erin is in none of the teams checkout")] // a parent's member is not in the sub-team
    public void TeamsIncludeTheirSubTeams(string team, string approver, string? refusal)
    {
        var rule = EvaluateRule(Requires(from: Filter(teams: [team])), new ChangeFactsBuilder(), Said(approver));
        Assert.Equal(refusal is null ? RuleStatus.Approved : RuleStatus.Pending, rule.Status);
        Assert.Equal(refusal, rule.Requirement!.NotCounted.SingleOrDefault()?.Reason);
    }

    [Fact]
    public void AnyListedTeamWillDo()
    {
        var rule = EvaluateRule(Requires(2, Filter(teams: ["platform", "checkout"])), new ChangeFactsBuilder(), Said("pat", "sam"));
        Assert.Equal(RuleStatus.Approved, rule.Status);
        Assert.Equal("someone in team platform or checkout", rule.Requirement!.Eligibility);
    }
}
