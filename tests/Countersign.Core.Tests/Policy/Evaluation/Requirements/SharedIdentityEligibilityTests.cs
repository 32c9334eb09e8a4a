using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

/// <summary>
/// Defence in depth behind the directory's uniqueness check: whoever shares an identity with a participant is barred as
/// that participant is, even when the participant resolved to nobody because of the shared identity.
/// </summary>
public sealed class SharedIdentityEligibilityTests
{
    /// <summary>The attack from issue 11: Erin, senior, was given Dana's address over SCIM; Dana's commit then resolves to nobody.</summary>
    private static OrgDirectory SharedEmail { get; } = new(
        Org.Levels,
        Org.Teams,
        [.. Org.People.Where(p => p.Id != "erin"), new Person("erin", "Erin", ["erin@acme.test", "DANA@acme.test"], GitHub: "erin", Level: "senior", Teams: ["payments"])],
        Org.Bots);

    [Fact]
    public void AnApprovalBySomeoneSharingTheAuthorsEmailNeverCountsEvenWhenTheAuthorResolvedToNobody()
    {
        var change = new ChangeFactsBuilder().AuthoredAs("Dana", "dana@acme.test", new IdentityResolver(SharedEmail));

        var rule = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "senior"))), change, Said("erin"), org: SharedEmail);

        Assert.Equal(RuleStatus.Pending, rule.Status);
        var refusal = Assert.Single(rule.Requirement!.NotCounted);
        Assert.Equal("erin", refusal.SignOff.PersonId);
        Assert.Contains("shares the e-mail 'DANA@acme.test' with the change's author", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void APersonWhoseHandleTheAuthorsNoreplyAddressNamesNeverCounts()
    {
        // Mallory lists Erin's GitHub no-reply address, so the commit resolves to Mallory: Erin, whose handle it names, is still barred.
        var org = new OrgDirectory(Org.Levels, Org.Teams, [.. Org.People, new Person("mallory", "Mallory", ["4242+erin@users.noreply.github.com"], Level: "junior")], Org.Bots);
        var change = new ChangeFactsBuilder().AuthoredAs("Erin", "4242+Erin@users.noreply.github.com", new IdentityResolver(org));

        var rule = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "senior"))), change, Said("erin"), org: org);

        Assert.Equal(RuleStatus.Pending, rule.Status);
        Assert.Contains("shares the GitHub handle 'erin' with the change's author", Assert.Single(rule.Requirement!.NotCounted).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SomeoneSharingNoIdentityWithAnyParticipantStillCounts()
    {
        var change = new ChangeFactsBuilder().AuthoredAs("Dana", "dana@acme.test", new IdentityResolver(SharedEmail));

        var rule = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "senior"))), change, Said("sam"), org: SharedEmail);

        Assert.Equal(RuleStatus.Approved, rule.Status);
    }

    [Fact]
    public void SharingAnIdentityWithACommitterBarsOnlyWhereTheRuleBarsCommitters()
    {
        var org = new OrgDirectory(Org.Levels, Org.Teams, [.. Org.People, new Person("ci-runner", "Runner", ["sam@ACME.test"], Level: "junior")], Org.Bots);
        var change = new ChangeFactsBuilder().As(ParticipantRole.Committer, "Runner", "sam@acme.test", new IdentityResolver(org));

        var barred = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "senior"))), change, Said("sam"), org: org);
        var allowed = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "senior")), allowCommitters: true), change, Said("sam"), org: org);

        Assert.Contains("with the change's committer", Assert.Single(barred.Requirement!.NotCounted).Reason, StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Approved, allowed.Status);
    }
}
