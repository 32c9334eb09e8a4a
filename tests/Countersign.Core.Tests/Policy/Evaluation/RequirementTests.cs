using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

public sealed class RequirementTests
{
    private static readonly ApproverFilter SeniorOwner = Filter(new LevelRange(AtLeast: "senior"), [OwnerSource.Affected, OwnerSource.Codeowners]);

    private static RuleResult Single(ApprovalRequirement requires, ChangeFactsBuilder change, params Func<ChangeFacts, Core.SignOffs.SignOff>[] signOffs)
    {
        var facts = change.Build();
        return Evaluate(PolicyTestOrg.Policy(Rule("r", requires)), facts, signOffs.Select(s => s(facts)).ToList()).Rules[0];
    }

    [Fact]
    public void ASeniorOwnerOfTheAffectedServiceSatisfiesTheRule()
    {
        var rule = Single(Requires(from: SeniorOwner), new ChangeFactsBuilder(), c => Approve("erin", c));
        Assert.Equal(RuleStatus.Approved, rule.Status);
        Assert.Equal("Erin", Assert.Single(rule.Requirement!.Counted).PersonName);
    }

    [Theory]
    [InlineData("sam", "Sam owns none of payments (catalog) or services/payments/ (CODEOWNERS)")]
    [InlineData("bob", "Bob is mid, the rule needs senior or above")]
    [InlineData("ghost", "ghost is not in the org directory")]
    public void SignOffsFromOutsideTheSetDoNotCountAndSayWhy(string person, string reason)
    {
        var rule = Single(Requires(from: SeniorOwner), new ChangeFactsBuilder(), c => Approve(person, c));
        Assert.Equal(RuleStatus.Pending, rule.Status);
        Assert.Equal(reason, Assert.Single(rule.Requirement!.NotCounted).Reason);
    }

    [Theory]
    [InlineData(ParticipantRole.Author, "Erin is the author")]
    [InlineData(ParticipantRole.CoAuthor, "Erin co-authored the change")]
    [InlineData(ParticipantRole.Prompter, "Erin prompted the agent that wrote it")]
    [InlineData(ParticipantRole.Committer, "Erin committed part of the change")]
    public void ParticipantsCanNeverSignOff(ParticipantRole role, string reason)
    {
        var change = role == ParticipantRole.Author ? new ChangeFactsBuilder().AuthoredBy("erin") : new ChangeFactsBuilder().With(role, "erin");
        var rule = Single(Requires(from: SeniorOwner), change, c => Approve("erin", c));
        Assert.Equal(RuleStatus.Pending, rule.Status);
        Assert.Equal(reason, Assert.Single(rule.Requirement!.NotCounted).Reason);
        Assert.DoesNotContain(rule.Requirement.Candidates, c => c.PersonId == "erin");
    }

    [Fact]
    public void CommittersMaySignWhenTheRuleAllowsIt()
    {
        var rule = Single(Requires(from: SeniorOwner, allowCommitters: true), new ChangeFactsBuilder().With(ParticipantRole.Committer, "erin"), c => Approve("erin", c));
        Assert.Equal(RuleStatus.Approved, rule.Status);
    }

    [Fact]
    public void CandidatesAreTheEligiblePeopleOwnersFirstAndNeverTheAuthor()
    {
        var rule = Single(Requires(from: Filter(new LevelRange(AtLeast: "senior"))), new ChangeFactsBuilder());
        Assert.Equal(["pat", "erin", "sam", "una"], rule.Requirement!.Candidates.Select(c => c.PersonId));
        var owners = Single(Requires(from: SeniorOwner), new ChangeFactsBuilder());
        Assert.Equal(["erin", "una"], owners.Requirement!.Candidates.Select(c => c.PersonId));
        Assert.Contains("needs 1 more approval from someone senior or above who owns payments (catalog)", owners.Requirement.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsumersAreTheOwnersOfReachedComponents()
    {
        var change = new ChangeFactsBuilder().Reaching("checkout", 1, "group:default/checkout");
        var rule = Single(Requires(from: Filter(owners: [OwnerSource.Consumers])), change, c => Approve("sam", c), c => Approve("erin", c));
        Assert.Equal(["Sam"], rule.Requirement!.Counted.Select(c => c.PersonName));
        var open = Single(Requires(from: Filter(owners: [OwnerSource.Consumers])), change);
        Assert.Equal(["sam", "una"], open.Requirement!.Candidates.Select(c => c.PersonId).Order());
        Assert.Contains(rule.Requirement.NotCounted, n => n.Reason == "Erin owns none of checkout (consumer)");
    }

    [Fact]
    public void TeamsIncludeSubTeamsAndPeopleAreById()
    {
        Assert.Equal(RuleStatus.Approved, Single(Requires(from: Filter(teams: ["commerce"])), new ChangeFactsBuilder(), c => Approve("sam", c)).Status);
        Assert.Equal(RuleStatus.Pending, Single(Requires(from: Filter(teams: ["platform"])), new ChangeFactsBuilder(), c => Approve("sam", c)).Status);
        Assert.Equal(RuleStatus.Approved, Single(Requires(from: Filter(people: ["bob"])), new ChangeFactsBuilder(), c => Approve("bob", c)).Status);
    }

    [Fact]
    public void AnyOfAdmitsPeopleFromEitherOption()
    {
        var set = new ApproverUnion([Filter(people: ["bob"]), Filter(new LevelRange(AtLeast: "staff"))], At);
        Assert.Equal(RuleStatus.Approved, Single(Requires(count: 2, from: set), new ChangeFactsBuilder(), c => Approve("bob", c), c => Approve("pat", c)).Status);
        var refused = Single(Requires(from: set), new ChangeFactsBuilder(), c => Approve("erin", c));
        Assert.Contains("Erin is not one of bob; and Erin is senior, the rule needs staff or above", refused.Requirement!.NotCounted[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CountNeedsThatManyDistinctPeople()
    {
        var rule = Single(Requires(count: 2, from: Filter(new LevelRange(AtLeast: "senior"))), new ChangeFactsBuilder(), c => Approve("erin", c), c => Approve("erin", c, minutes: 5));
        Assert.Equal(RuleStatus.Pending, rule.Status);
        Assert.Contains("needs 1 more approval", rule.Requirement!.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void DistinctTeamsUseAMatchingNotAGreedyPick()
    {
        // Una (payments and checkout) approves first; greedy would give her payments and leave Erin (payments only) out.
        var rule = Single(Requires(count: 2, from: Filter(new LevelRange(AtLeast: "senior")), distinctTeams: true), new ChangeFactsBuilder(),
            c => Approve("una", c, minutes: 1), c => Approve("erin", c, minutes: 2));
        Assert.Equal(RuleStatus.Approved, rule.Status);
        Assert.Equal(["checkout", "payments"], rule.Requirement!.Counted.Select(c => c.Team!).Order());
    }

    [Fact]
    public void DistinctTeamsRefuseASecondApprovalFromTheSameTeam()
    {
        var rule = Single(Requires(count: 2, from: Filter(new LevelRange(AtLeast: "senior")), distinctTeams: true), new ChangeFactsBuilder(),
            c => Approve("erin", c, minutes: 1), c => Approve("una", c, minutes: 2), c => Approve("pat", c, minutes: 3));
        Assert.Equal(RuleStatus.Approved, rule.Status);
        Assert.Equal(3, rule.Requirement!.Counted.Count);
        var two = Single(Requires(count: 3, from: Filter(teams: ["payments"]), distinctTeams: true), new ChangeFactsBuilder(), c => Approve("erin", c, minutes: 1), c => Approve("bob", c, minutes: 2));
        Assert.Equal(RuleStatus.Pending, two.Status);
        Assert.Contains(two.Requirement!.NotCounted, n => n.Reason.EndsWith("is already counted", StringComparison.Ordinal));
    }

    [Fact]
    public void ARejectionByAnEligiblePersonBlocksUntilTheyApprove()
    {
        var requires = Requires(from: SeniorOwner);
        var rejected = Single(requires, new ChangeFactsBuilder(), c => Approve("una", c, minutes: 1), c => Reject("erin", c, minutes: 2));
        Assert.Equal(RuleStatus.Disapproved, rejected.Status);
        var lifted = Single(requires, new ChangeFactsBuilder(), c => Reject("erin", c, minutes: 2), c => Approve("erin", c, minutes: 3));
        Assert.Equal(RuleStatus.Approved, lifted.Status);
        var ignored = Single(requires with { Disapproval = false }, new ChangeFactsBuilder(), c => Approve("una", c, minutes: 1), c => Reject("erin", c, minutes: 2));
        Assert.Equal(RuleStatus.Approved, ignored.Status);
        var outsider = Single(requires, new ChangeFactsBuilder(), c => Approve("una", c, minutes: 1), c => Reject("sam", c, minutes: 2));
        Assert.Equal(RuleStatus.Approved, outsider.Status);
    }

    [Fact]
    public void WhenNobodyCanGiveItTheResultSaysSo()
    {
        var rule = Single(Requires(from: SeniorOwner), new ChangeFactsBuilder().NoComponents());
        Assert.Empty(rule.Requirement!.Candidates);
        Assert.Contains("no one in the org directory can give it", rule.Requirement.Missing, StringComparison.Ordinal);
    }
}
