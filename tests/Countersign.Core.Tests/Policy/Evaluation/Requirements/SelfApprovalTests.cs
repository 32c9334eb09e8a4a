using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class SelfApprovalTests
{
    private static readonly LevelRange Senior = new(AtLeast: "senior");

    public static TheoryData<string, Func<ChangeFactsBuilder, ChangeFactsBuilder>, string, bool, string> Cases() => new()
    {
        { "the author", c => c.AuthoredBy("erin"), "erin", false, "Erin is the author" },
        { "a co-author", c => c.With(ParticipantRole.CoAuthor, "erin"), "erin", false, "Erin co-authored the change" },
        { "the agent's prompter", c => c.With(ParticipantRole.Prompter, "erin"), "erin", false, "Erin prompted the agent that wrote it" },
        { "a committer", c => c.With(ParticipantRole.Committer, "erin"), "erin", false, "Erin committed part of the change" },
        { "an agent listed in the directory", c => c.With(ParticipantRole.Agent, "claude"), "claude", false, "Claude is an AI agent or bot" },
        { "a bot identity that resolves to a person", c => c.WithBotPerson("erin", ParticipantRole.Committer), "erin", true, "Erin is an AI agent or bot" },
        { "a co-author who also committed, even when committers may sign", c => c.With(ParticipantRole.Committer, "erin").With(ParticipantRole.CoAuthor, "erin"), "erin", true, "Erin co-authored the change" },
        { "the author, whatever the rule allows", c => c.AuthoredBy("erin"), "erin", true, "Erin is the author" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NobodySignsOffTheirOwnChange(string name, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, string approver, bool allowCommitters, string reason)
    {
        var rule = EvaluateRule(Requires(from: Filter(Senior), allowCommitters: allowCommitters), change(new ChangeFactsBuilder()), Said(approver), org: WithExtras);
        Assert.True(rule.Status == RuleStatus.Pending, name);
        Assert.Equal(reason, Assert.Single(rule.Requirement!.NotCounted).Reason);
        Assert.DoesNotContain(rule.Requirement.Candidates, c => c.PersonId == approver);
    }

    [Fact]
    public void ACommitterMaySignWhenTheRuleAllowsIt()
    {
        var rule = EvaluateRule(Requires(from: Filter(Senior), allowCommitters: true), new ChangeFactsBuilder().With(ParticipantRole.Committer, "erin"), Said("erin"));
        Assert.Equal(RuleStatus.Approved, rule.Status);
    }

    [Fact]
    public void ABotNeverSignsBecauseItIsNotAPerson()
    {
        var rule = EvaluateRule(Requires(), new ChangeFactsBuilder().WithBot("dependabot[bot]"), Said("dependabot[bot]"));
        Assert.Equal("dependabot[bot] is not in the org directory", Assert.Single(rule.Requirement!.NotCounted).Reason);
    }
}
