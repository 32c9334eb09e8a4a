using Countersign.Core.BlastRadius;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

public sealed class ConditionTests
{
    private static ConditionResult Eval(ICondition condition, ChangeFactsBuilder? change = null, DateTimeOffset? now = null) =>
        condition.Evaluate(new EvaluationContext((change ?? new ChangeFactsBuilder()).Build(), Org, new IdentityResolver(Org), now ?? Now));

    public static TheoryData<string, ICondition, bool, string> Cases() => new()
    {
        { "status ai", new ProvenanceCondition([ProvenanceStatus.Ai], null, null, At), true, "provenance is AI-assisted" },
        { "status human", new ProvenanceCondition([ProvenanceStatus.HumanDeclared], null, null, At), false, "not declared human" },
        { "tool named", new ProvenanceCondition(null, ["claude-code"], null, At), true, "written with claude-code" },
        { "tool absent", new ProvenanceCondition(null, ["cursor"], null, At), false, "no commit names cursor" },
        { "ai share at least 0.5 (whole commit is AI)", new ProvenanceCondition(null, null, new NumberRange(AtLeast: 0.5), At), true, "AI line share 100%" },
        { "author below senior", new PeopleCondition(PersonScope.Author, new LevelRange(Below: "senior"), null, null, false, At), true, "Dana is junior, below senior" },
        { "author senior or above", new PeopleCondition(PersonScope.Author, new LevelRange(AtLeast: "senior"), null, null, false, At), false, "Dana is junior, not senior or above" },
        { "author in commerce (parent team)", new PeopleCondition(PersonScope.Author, null, ["commerce"], null, false, At), true, "Dana is in team commerce" },
        { "author is listed", new PeopleCondition(PersonScope.Author, null, null, ["erin"], false, At), false, "Dana is not one of erin" },
        { "paths any", new PathsCondition([new PolicyGlob("services/payments/**")], null, null, At), true, "services/payments/charge.go matches services/payments/**" },
        { "paths only docs", new PathsCondition(null, [new PolicyGlob("docs/**")], null, At), false, "services/payments/charge.go is outside docs/**" },
        { "paths none", new PathsCondition(null, null, [new PolicyGlob("**/*.go")], At), false, "services/payments/charge.go matches **/*.go" },
        { "component touched", new ComponentsCondition(["payments"], ComponentScope.Touched, At), true, "affects payments" },
        { "component reached only", new ComponentsCondition(["payments"], ComponentScope.Reached, At), false, "no reached component is payments" },
        { "tier 1", new TierCondition(new NumberRange(AtMost: 1), ComponentScope.Affected, At), true, "payments (touched) is tier 1" },
        { "blast critical", new BlastRadiusCondition([BlastClass.Critical], null, At), true, "blast radius is critical" },
        { "blast score >= 20", new BlastRadiusCondition(null, new NumberRange(AtLeast: 20), At), false, "blast-radius score 8 is not ≥ 20" },
        { "risk >= 25", new RiskCondition(new NumberRange(AtLeast: 25), At), true, "risk score 30 (mostly lines added) is ≥ 25" },
        { "size lines >= 400", new SizeCondition(new NumberRange(AtLeast: 400), null, null, null, null, At), false, "32 changed lines, not ≥ 400" },
        { "size files <= 3", new SizeCondition(null, null, null, new NumberRange(AtMost: 3), null, At), true, "1 files, ≤ 3" },
        { "labels any hotfix", new LabelsCondition(["hotfix"], null, null, At), false, "has none of the labels hotfix" },
        { "target main", new BranchCondition(true, [new PolicyGlob("main")], At), true, "target branch main matches main" },
        { "source release", new BranchCondition(false, [new PolicyGlob("release/*")], At), false, "source branch feature/x matches none of release/*" },
        { "not tier 1", new NotCondition(new TierCondition(new NumberRange(AtMost: 1), ComponentScope.Affected, At), At), false, "not (payments" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachPredicateMatchesAndSaysWhy(string name, ICondition condition, bool matched, string explanation)
    {
        var result = Eval(condition);
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Contains(explanation, result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownAuthorCountsAsBelowSeniorButNeverAsSenior()
    {
        var change = new ChangeFactsBuilder().AuthoredBy(null);
        Assert.True(Eval(new PeopleCondition(PersonScope.Author, new LevelRange(Below: "senior"), null, null, false, At), change).Matched);
        Assert.False(Eval(new PeopleCondition(PersonScope.Author, new LevelRange(AtLeast: "senior"), null, null, false, At), change).Matched);
    }

    [Fact]
    public void ContributorsAllRequiresEveryContributorToMatch()
    {
        var change = new ChangeFactsBuilder().With(Changes.ParticipantRole.CoAuthor, "erin");
        var any = new PeopleCondition(PersonScope.Contributors, new LevelRange(AtLeast: "senior"), null, null, false, At);
        var all = any with { RequireAll = true };
        Assert.True(Eval(any, change).Matched);
        Assert.False(Eval(all, change).Matched);
    }

    [Fact]
    public void AiLineShareComesFromLineAttributionWhenThereIsSome()
    {
        var condition = new ProvenanceCondition(null, null, new NumberRange(AtLeast: 0.5), At);
        Assert.False(Eval(condition, new ChangeFactsBuilder().AiShare(0.2)).Matched);
        Assert.True(Eval(condition, new ChangeFactsBuilder().AiShare(0.8)).Matched);
    }

    [Fact]
    public void CombinatorsNestAndExplainTheirChildren()
    {
        var tier = new TierCondition(new NumberRange(AtMost: 1), ComponentScope.Affected, At);
        var labels = new LabelsCondition(["hotfix"], null, null, At);
        var condition = new AllCondition([tier, new AnyCondition([labels, new NotCondition(labels, At)], At)], At);
        var result = Eval(condition);
        Assert.True(result.Matched);
        Assert.Equal(2, result.Children.Count);
        Assert.Equal(2, result.Children[1].Children.Count);
        Assert.False(Eval(new AnyCondition([], At)).Matched);
        Assert.True(Eval(new AllCondition([], At)).Matched);
    }

    [Theory]
    [InlineData("2026-11-27T18:00:00+01:00", true)] // Friday 18:00 Berlin
    [InlineData("2026-11-28T02:00:00+01:00", true)] // Saturday 02:00: the Friday window wraps past midnight
    [InlineData("2026-11-28T18:00:00+01:00", false)] // Saturday evening
    [InlineData("2026-11-26T18:00:00+01:00", false)] // Thursday
    public void TimeWindowsRecurWeeklyInTheirTimeZone(string instant, bool inside)
    {
        var window = new TimeWindow(null, null, [DayOfWeek.Friday], new TimeOnly(16, 0), new TimeOnly(6, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(inside, Eval(new TimeCondition(window, At), now: DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).Matched);
    }
}
