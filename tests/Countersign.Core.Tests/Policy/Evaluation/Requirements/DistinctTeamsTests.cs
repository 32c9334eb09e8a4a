using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class DistinctTeamsTests
{
    private static RuleResult Run(int count, params string[] approvers) =>
        EvaluateRule(Requires(count, Filter(new LevelRange(AtLeast: "mid")), distinctTeams: true), new ChangeFactsBuilder(), Said(approvers));

    [Theory]
    [InlineData(2, new[] { "erin", "sam" }, RuleStatus.Approved, new[] { "erin:payments", "sam:checkout" })]
    [InlineData(2, new[] { "erin", "bob" }, RuleStatus.Pending, new[] { "erin:payments" })]
    [InlineData(3, new[] { "erin", "una", "pat" }, RuleStatus.Approved, new[] { "erin:payments", "una:checkout", "pat:platform" })]
    [InlineData(3, new[] { "una", "sam", "erin" }, RuleStatus.Pending, new[] { "una:payments", "sam:checkout" })] // three people, two teams
    public void EachApproverCountsForOneOfTheirTeams(int count, string[] approvers, RuleStatus status, string[] counted)
    {
        var rule = Run(count, approvers);
        Assert.Equal(status, rule.Status);
        Assert.Equal(counted.Order(), rule.Requirement!.Counted.Select(c => $"{c.SignOff.PersonId}:{c.Team}").Order());
    }

    [Fact]
    public void AMatchingSucceedsWhereAGreedyPickFails()
    {
        // Una (payments, checkout) approves first: greedy gives her payments, her first team, and leaves Erin
        // (payments only) with nothing. The matching gives Una checkout and Erin payments.
        var rule = Run(2, "una", "erin");
        Assert.Equal(RuleStatus.Approved, rule.Status);
        Assert.Equal(["erin:payments", "una:checkout"], rule.Requirement!.Counted.Select(c => $"{c.SignOff.PersonId}:{c.Team}").Order());
        Assert.Equal("approved by Una for team checkout, Erin for team payments", rule.Summary);
    }

    [Fact]
    public void ASecondApprovalFromATeamAlreadyCountedSaysSoAndCandidatesComeFromOtherTeams()
    {
        var rule = Run(2, "erin", "bob");
        Assert.Equal("Bob's team (payments) is already counted", Assert.Single(rule.Requirement!.NotCounted).Reason);
        Assert.Equal("needs 1 more approval from someone mid or above in a team not yet counted", rule.Requirement.Missing);
        Assert.Equal(["pat", "sam", "una"], rule.Requirement.Candidates.Select(c => c.PersonId));
    }

    [Fact]
    public void TheMatchingIsMaximumOverManyApprovers()
    {
        IReadOnlyList<string>[] teams = [["a", "b"], ["a"], ["b", "c"], ["c"], ["c"]];
        var assigned = TeamMatching.Assign(teams);
        Assert.Equal(3, assigned.Count(t => t is not null));
        Assert.Equal(3, assigned.Where(t => t is not null).Distinct().Count());
    }
}
