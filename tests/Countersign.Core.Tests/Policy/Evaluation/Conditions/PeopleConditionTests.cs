using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class PeopleConditionTests
{
    private static PeopleCondition Author(LevelRange? level = null, IReadOnlyList<string>? teams = null, IReadOnlyList<string>? people = null) =>
        new(PersonScope.Author, level, teams, people, false, At);

    private static PeopleCondition Contributors(LevelRange level, bool all) => new(PersonScope.Contributors, level, null, null, all, At);

    public static TheoryData<string, Func<ChangeFactsBuilder, ChangeFactsBuilder>, PeopleCondition, bool, string> Cases() => new()
    {
        { "a junior author is below senior", c => c, Author(new LevelRange(Below: "senior")), true, "Dana is junior, below senior" },
        { "a junior author is not senior", c => c, Author(new LevelRange(AtLeast: "senior")), false, "Dana is junior, not senior or above" },
        { "a senior author is not below senior", c => c.AuthoredBy("erin"), Author(new LevelRange(Below: "senior")), false, "Erin is senior, not below senior" },
        { "an author missing from the directory counts as below senior", c => c.AuthoredBy(null), Author(new LevelRange(Below: "senior")), true, "Ghost <ghost@elsewhere.test> (not in the org directory) is unknown level, below senior" },
        { "an author missing from the directory is never senior", c => c.AuthoredBy(null), Author(new LevelRange(AtLeast: "senior")), false, "is unknown level, not senior or above" },
        { "an author without a level counts as below senior", c => c.AuthoredBy("lee"), Author(new LevelRange(Below: "senior")), true, "Lee is unknown level, below senior" },
        { "an agent-only change counts as below senior", c => c.NoAuthor().WithBot("Copilot"), Author(new LevelRange(Below: "senior")), true, "the change has no human author, so no known level: treated as below senior" },
        { "an agent-only change is in no team", c => c.NoAuthor(), Author(teams: ["payments"]), false, "the change has no human author" },
        { "teams include sub-teams", c => c, Author(teams: ["commerce"]), true, "Dana is in team commerce" },
        { "a team the author is not in", c => c, Author(teams: ["platform", "checkout"]), false, "Dana is in none of platform, checkout" },
        { "listed people", c => c, Author(people: ["erin", "dana"]), true, "Dana is listed" },
        { "unlisted author", c => c, Author(people: ["erin"]), false, "Dana is not one of erin" },
        { "a senior co-author makes some contributor senior", c => c.With(ParticipantRole.CoAuthor, "erin"), Contributors(new LevelRange(AtLeast: "senior"), all: false), true, "Erin is senior, senior or above" },
        { "but not every contributor", c => c.With(ParticipantRole.CoAuthor, "erin"), Contributors(new LevelRange(AtLeast: "senior"), all: true), false, "Dana is junior, not senior or above" },
        { "a prompter is a contributor", c => c.AuthoredBy("erin").With(ParticipantRole.Prompter, "bob"), Contributors(new LevelRange(Below: "senior"), all: false), true, "Bob is mid, below senior" },
        { "committers and bots are not contributors", c => c.AuthoredBy("erin").With(ParticipantRole.Committer, "bob").WithBot("dependabot[bot]", ParticipantRole.CoAuthor), Contributors(new LevelRange(Below: "senior"), all: false), false, "Erin is senior, not below senior" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AuthorAndContributorConditionsJudgeThePeopleAndSayWhy(string name, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, PeopleCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, change(new ChangeFactsBuilder()));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Contains(explanation, result.Explanation, StringComparison.Ordinal);
    }
}
