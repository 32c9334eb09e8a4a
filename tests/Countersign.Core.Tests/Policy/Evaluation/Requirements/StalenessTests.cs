using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class StalenessTests
{
    private static readonly PathsCondition PaymentsPaths = new([new PolicyGlob("services/payments/**")], null, null, At);

    /// <summary>Erin approved content p1 with these file ids: charge.go f1, docs/a.md d1, services/payments/old.go o1.</summary>
    private static readonly Dictionary<string, string> Then = new() { ["services/payments/charge.go"] = "f1", ["docs/a.md"] = "d1" };

    public static TheoryData<string, StalenessMode, ICondition?, Func<ChangeFactsBuilder, ChangeFactsBuilder>, Dictionary<string, string>, string?> Cases() => new()
    {
        { "the same patch identity always counts (a pure rebase)", StalenessMode.AnyChange, PaymentsPaths, c => c.File("docs/a.md", patch: "d9"), Then, null },
        { "any change: new content dismisses", StalenessMode.AnyChange, PaymentsPaths, c => c.File("docs/a.md", patch: "d2").Patch("p2"), Then, "new content since then (patch p1 → p2)" },
        { "rule paths: only other files changed", StalenessMode.RulePaths, PaymentsPaths, c => c.File("docs/a.md", patch: "d2").Patch("p2"), Then, null },
        { "rule paths: the rule's file changed", StalenessMode.RulePaths, PaymentsPaths, c => c.File("docs/a.md", patch: "d1").Patch("p2", "services/payments/charge.go", "f2"), Then, "the rule's files changed since then: services/payments/charge.go" },
        { "rule paths: a selected file was added", StalenessMode.RulePaths, PaymentsPaths, c => c.File("docs/a.md", patch: "d1").File("services/payments/refund.go").Patch("p3"), Then, "the rule's files changed since then: services/payments/refund.go" },
        { "rule paths: a selected file was removed", StalenessMode.RulePaths, PaymentsPaths, c => c.File("docs/a.md", patch: "d1").Patch("p3"), new(Then) { ["services/payments/old.go"] = "o1" }, "the rule's files changed since then: services/payments/old.go" },
        { "rule paths: at most three files are named", StalenessMode.RulePaths, PaymentsPaths, c => c.Patch("p4", "services/payments/charge.go", "f4").File("services/payments/a.go").File("services/payments/b.go").File("services/payments/c.go"), Then, "the rule's files changed since then: services/payments/a.go, services/payments/b.go, services/payments/c.go and 1 more" },
        { "rule paths without path conditions behaves as any change", StalenessMode.RulePaths, null, c => c.File("docs/a.md", patch: "d2").Patch("p2"), Then, "new content since then (patch p1 → p2)" },
        { "excluded paths are not the rule's own", StalenessMode.RulePaths, new NotCondition(PaymentsPaths, At), c => c.NoComponents().OnlyFile("docs/a.md").Patch("p2"), Then, "new content since then (patch p1 → p2)" },
        { "never: new content keeps the sign-off", StalenessMode.Never, PaymentsPaths, c => c.Patch("p9", "services/payments/charge.go", "f9"), Then, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ASignOffStaysValidUnlessTheContentItWasGivenForChanged(string name, StalenessMode mode, ICondition? condition, Func<ChangeFactsBuilder, ChangeFactsBuilder> now, Dictionary<string, string> then, string? dismissed)
    {
        var change = now(new ChangeFactsBuilder()).Build();
        var policy = PolicyTestOrg.Policy(Rule("r", Requires(invalidateOn: mode), condition));
        var rule = Evaluate(policy, change, [Approve("erin", change, patchId: "p1", files: then)]).Rules[0];
        Assert.True((dismissed is null) == (rule.Status == RuleStatus.Approved), $"{name}: {rule.Summary}");
        Assert.Equal(dismissed, rule.Requirement!.Dismissed.SingleOrDefault()?.Reason);
    }

    [Fact]
    public void ADismissedApproverIsACandidateAgain()
    {
        var change = new ChangeFactsBuilder().Patch("p2").Build();
        var rule = Evaluate(PolicyTestOrg.Policy(Rule("r", Requires(from: Filter(new LevelRange(AtLeast: "senior"))))), change, [Approve("erin", change, patchId: "p1")]).Rules[0];
        Assert.Contains(rule.Requirement!.Candidates, c => c.PersonId == "erin");
    }
}
