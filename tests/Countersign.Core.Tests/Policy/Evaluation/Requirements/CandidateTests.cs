using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class CandidateTests
{
    private static readonly LevelRange Senior = new(AtLeast: "senior");

    public static TheoryData<string, ApprovalRequirement, Func<ChangeFactsBuilder, ChangeFactsBuilder>, string[], string[]> Cases() => new()
    {
        { "the most senior first, then by name", Requires(from: Filter(Senior)), c => c, [], ["pat", "erin", "sam", "una"] },
        // Bob (mid) is in the set through the people option, but he owns payments: owners come first whatever admitted them.
        { "owners first", Requires(from: new ApproverUnion([Filter(Senior, [OwnerSource.Affected]), Filter(people: ["pat", "bob"])], At)), c => c, [], ["erin", "una", "bob", "pat"] },
        { "never a participant", Requires(from: Filter(Senior)), c => c.With(ParticipantRole.CoAuthor, "pat").With(ParticipantRole.Committer, "sam"), [], ["erin", "una"] },
        { "a committer when the rule allows committers", Requires(from: Filter(Senior), allowCommitters: true), c => c.With(ParticipantRole.Committer, "sam"), [], ["pat", "erin", "sam", "una"] },
        { "never someone who already approved", Requires(2, Filter(Senior)), c => c, ["erin"], ["pat", "sam", "una"] },
        { "someone who rejected may still approve", Requires(from: Filter(Senior), disapproval: false), c => c, ["-erin"], ["pat", "erin", "sam", "una"] },
        { "owners of a reached consumer", Requires(from: Filter(owners: [OwnerSource.Consumers])), c => c.Reaching("checkout", 1, "group:default/checkout"), [], ["sam", "una"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CandidatesAreEveryoneWhoCouldStillGiveIt(string name, ApprovalRequirement requires, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, string[] said, string[] candidates)
    {
        var rule = EvaluateRule(requires, change(new ChangeFactsBuilder()), Said(said));
        Assert.True(candidates.SequenceEqual(rule.Requirement!.Candidates.Select(c => c.PersonId)), $"{name}: {string.Join(", ", rule.Requirement.Candidates.Select(c => c.PersonId))}");
    }

    [Fact]
    public void EachCandidateSaysWhyTheyQualify()
    {
        var rule = EvaluateRule(Requires(from: Filter(Senior, [OwnerSource.Affected])), new ChangeFactsBuilder(), []);
        var erin = rule.Requirement!.Candidates[0];
        Assert.Equal(("erin", "Erin", "senior", "senior, owns payments (catalog)"), (erin.PersonId, erin.Name, erin.Level, erin.Why));
    }

    [Fact]
    public void WhenNobodyCanGiveItTheResultSaysSo()
    {
        var rule = EvaluateRule(Requires(from: Filter(Senior, [OwnerSource.Affected])), new ChangeFactsBuilder().NoComponents().Touching("legacy", 3, "group:default/ghosts"), []);
        Assert.Empty(rule.Requirement!.Candidates);
        Assert.Equal("needs 1 more approval from someone senior or above who owns legacy (catalog) — nobody can give it: the catalog owners group:default/ghosts match nobody in the org directory", rule.Requirement.Missing);
        Assert.Equal("the catalog owners group:default/ghosts match nobody in the org directory", rule.Requirement.Nobody!.Reason);
    }

    [Fact]
    public void WhenNobodyHoldsTheLevelTheDiagnosticNamesTheLevelAndWhatToAdd()
    {
        var rule = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "principal"))), new ChangeFactsBuilder(), []);
        Assert.Equal("no person at level principal or above in the org directory", rule.Requirement!.Nobody!.Reason);
        Assert.Contains("`level: principal`", rule.Requirement.Nobody.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNoCodeownersOwnsTheChangedFilesTheDiagnosticSaysSoAndGivesAnExample()
    {
        var rule = EvaluateRule(Requires(from: Filter(Senior, [OwnerSource.Codeowners])), new ChangeFactsBuilder().OnlyFile("src/x.cs"), []);
        Assert.Equal("no CODEOWNERS owns src/x.cs", rule.Requirement!.Nobody!.Reason);
        Assert.Contains("/src/ @your-org/your-team", rule.Requirement.Nobody.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenTheOnlyEligiblePeopleTookPartTheDiagnosticSaysSo()
    {
        var rule = EvaluateRule(Requires(from: Filter(teams: ["platform"])), new ChangeFactsBuilder().With(ParticipantRole.CoAuthor, "pat"), []);
        Assert.Equal("the only ones who could (Pat) took part in the change", rule.Requirement!.Nobody!.Reason);
    }

    [Fact]
    public void WhenEachPartHasPeopleButNobodyFitsThemAllTheDiagnosticDescribesTheSet()
    {
        var rule = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "staff"), teams: ["payments"])), new ChangeFactsBuilder(), []);
        Assert.Equal("nobody in the org directory is someone staff or above in team payments", rule.Requirement!.Nobody!.Reason);
    }

    [Fact]
    public void APendingRuleThatSomeoneCanGiveHasNoEmptySetDiagnostic()
    {
        var rule = EvaluateRule(Requires(from: Filter(Senior)), new ChangeFactsBuilder(), []);
        Assert.Null(rule.Requirement!.Nobody);
        Assert.NotEmpty(rule.Requirement.Candidates);
    }
}
