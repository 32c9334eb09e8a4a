using Countersign.Core.Policy;
using Countersign.Core.Policy.Backtesting;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;

namespace Countersign.Core.Tests.Policy.Backtesting;

public sealed class BacktestAnalyzerTests
{
    private static readonly DateTimeOffset Horizon = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CompiledPolicy Policy = new("policy.yaml", [Rule("seniors"), Rule("owners", RuleMode.Warn)], [], null, []);

    private static PolicyRule Rule(string name, RuleMode mode = RuleMode.Enforce) => new(name, null, mode, null,
        new ApprovalRequirement(1, new ApproverFilter(null, null, null, null, SourceSpan.None), false, StalenessMode.AnyChange, false, false, SourceSpan.None),
        SourceSpan.None);

    private static Candidate Person(string id) => new(id, id.ToUpperInvariant(), "senior", [], "senior");

    private static BacktestChange Change(int linesAdded, bool bad = false, int daysAgo = 60, params AppliedRule[] rules) =>
        new(Guid.NewGuid().ToString("N"), false, Horizon.AddDays(-daysAgo), "s", linesAdded, [], rules, false)
        {
            BadBecause = bad ? [new OutcomeLink(OutcomeKind.Reverted, "x", "y")] : [],
        };

    [Fact]
    public void OneSignOffServesEveryRuleAPersonIsEligibleForSoTheLargestShareCounts()
    {
        var seniors = new AppliedRule("seniors", RuleMode.Enforce, 1, [Person("ann"), Person("bo")]);
        var owners = new AppliedRule("owners", RuleMode.Warn, 1, [Person("ann")]);
        var report = BacktestAnalyzer.Analyze(Policy, [Change(10, rules: [seniors, owners]), Change(5, rules: seniors)], Horizon);

        Assert.Equal([("ann", 2, 1.5), ("bo", 2, 1.0)], report.Load.Select(p => (p.PersonId, p.Changes, p.ExpectedLoad)));
        Assert.Equal([2, 1], report.Rules.Select(r => r.Applied));
        Assert.Equal(1, report.NeedsSignOffShare);
    }

    [Fact]
    public void ARuleNeedingMoreSignOffsThanPeopleCanGiveIsUnsatisfiableAndCostsEachOfThemOneReview()
    {
        var rule = new AppliedRule("seniors", RuleMode.Enforce, 2, [Person("ann")]);
        var report = BacktestAnalyzer.Analyze(Policy, [Change(1, rules: rule)], Horizon);
        Assert.Equal(1, report.Unsatisfiable);
        Assert.Equal(1.0, report.Load.Single().ExpectedLoad);
    }

    [Fact]
    public void TheBaselineTakesChangesTiedAtTheCutAtRandomSoItCatchesTheirExpectedShare()
    {
        var flag = new AppliedRule("seniors", RuleMode.Enforce, 1, [Person("ann")]);
        var changes = new[]
        {
            Change(100, bad: false),
            Change(50, bad: true), Change(50, bad: false), Change(50, bad: false), Change(50, bad: false),
            Change(1, bad: true, rules: flag), Change(2, bad: true, rules: flag),
        };
        var all = BacktestAnalyzer.Analyze(Policy, changes, Horizon).All;

        // Two flagged, both bad; the baseline takes the 100-line change and one of four 50-line changes (one bad): 0.25.
        Assert.Equal((3, 2, 2), (all.Bad, all.Flagged, all.FlaggedBad));
        Assert.Equal(0.25, all.BaselineFlaggedBad);
        Assert.Equal(0.0833, all.BaselineRecall);
        Assert.Equal(0.6667, all.Recall);
        Assert.Equal(1, all.Precision);
        Assert.Equal("beats", all.Comparison);
    }

    [Fact]
    public void RecentChangesAreLeftOutOfTheSettledScore()
    {
        var report = BacktestAnalyzer.Analyze(Policy, [Change(1, daysAgo: 45), Change(1, daysAgo: 10), Change(1, bad: true, daysAgo: 29)], Horizon);
        Assert.Equal(2, report.Recent);
        Assert.Equal(1, report.Settled.Changes);
        Assert.Equal(0, report.Settled.Bad);
        Assert.Null(report.Settled.Recall);
        Assert.Equal("undefined", report.Settled.Comparison);
    }
}
