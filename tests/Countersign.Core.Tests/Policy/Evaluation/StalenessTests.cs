using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation;

public sealed class StalenessTests
{
    private static readonly PathsCondition Payments = new([new PolicyGlob("services/payments/**")], null, null, At);

    private static RuleResult Run(StalenessMode mode, ChangeFactsBuilder now, string oldPatch, IReadOnlyDictionary<string, string> oldFiles)
    {
        var change = now.Build();
        var policy = PolicyTestOrg.Policy(Rule("r", Requires(invalidateOn: mode), Payments));
        return Evaluate(policy, change, [Approve("erin", change, patchId: oldPatch, files: oldFiles)]).Rules[0];
    }

    private static readonly Dictionary<string, string> Before = new() { ["services/payments/charge.go"] = "f1", ["docs/a.md"] = "d1" };

    [Fact]
    public void TheSamePatchIdentityAlwaysCounts()
    {
        var rule = Run(StalenessMode.AnyChange, new ChangeFactsBuilder().File("docs/a.md", patch: "d1"), "p1", Before);
        Assert.Equal(RuleStatus.Approved, rule.Status);
    }

    [Fact]
    public void AnyNewContentDismissesWithTheReason()
    {
        var rule = Run(StalenessMode.AnyChange, new ChangeFactsBuilder().File("docs/a.md", patch: "d2").Patch("p2"), "p1", Before);
        Assert.Equal(RuleStatus.Pending, rule.Status);
        Assert.Equal("new content since then (patch p1 → p2)", Assert.Single(rule.Requirement!.Dismissed).Reason);
    }

    [Fact]
    public void RulePathsKeepsTheSignOffWhenOnlyOtherFilesChanged()
    {
        var rule = Run(StalenessMode.RulePaths, new ChangeFactsBuilder().File("docs/a.md", patch: "d2").Patch("p2"), "p1", Before);
        Assert.Equal(RuleStatus.Approved, rule.Status);
    }

    [Fact]
    public void RulePathsDismissesWhenTheRulesFilesChanged()
    {
        var changed = Run(StalenessMode.RulePaths, new ChangeFactsBuilder().Patch("p2", "services/payments/charge.go", "f2"), "p1", Before);
        Assert.Equal("the rule's files changed since then: services/payments/charge.go", Assert.Single(changed.Requirement!.Dismissed).Reason);
        var added = Run(StalenessMode.RulePaths, new ChangeFactsBuilder().File("services/payments/refund.go").Patch("p3"), "p1", Before);
        Assert.Contains("services/payments/refund.go", Assert.Single(added.Requirement!.Dismissed).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverKeepsEverySignOff()
    {
        var rule = Run(StalenessMode.Never, new ChangeFactsBuilder().Patch("p9", "services/payments/charge.go", "f9"), "p1", Before);
        Assert.Equal(RuleStatus.Approved, rule.Status);
    }
}
