using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class OwnerEligibilityTests
{
    private static readonly Func<ChangeFactsBuilder, ChangeFactsBuilder> Default = c => c;
    private static readonly Func<ChangeFactsBuilder, ChangeFactsBuilder> ReachingCheckout = c => c.Reaching("checkout", 1, "group:default/checkout");

    public static TheoryData<string, OwnerSource[], Func<ChangeFactsBuilder, ChangeFactsBuilder>, string, string?> Cases() => new()
    {
        { "a member of the owning team of a touched component", [OwnerSource.Affected], Default, "erin", null },
        { "a member of a sub-team of the owning group", [OwnerSource.Affected], c => c.NoComponents().Touching("shop", 1, "group:default/commerce"), "sam", null },
        { "an owner named as a user ref", [OwnerSource.Affected], c => c.Touching("ledger", 2, "user:default/sam"), "sam", null },
        { "someone who owns nothing affected", [OwnerSource.Affected], Default, "sam", "Sam owns none of payments (catalog)" },
        { "a component nobody resolvable owns", [OwnerSource.Affected], c => c.NoComponents().Touching("legacy", 3, "group:default/ghosts"), "erin", "Erin owns none of legacy (catalog)" },
        { "an owner of a consumer", [OwnerSource.Consumers], ReachingCheckout, "sam", null },
        { "the touched component's owner is not a consumer", [OwnerSource.Consumers], ReachingCheckout, "erin", "Erin owns none of checkout (consumer)" },
        { "no consumer is reached", [OwnerSource.Consumers], Default, "sam", "Sam owns none of a consuming component (none is reached)" },
        { "a CODEOWNERS team", [OwnerSource.Codeowners], Default, "una", null },
        { "a CODEOWNERS user handle", [OwnerSource.Codeowners], c => c.Codeowners("services/payments/charge.go", "@sam"), "sam", null },
        { "a CODEOWNERS e-mail", [OwnerSource.Codeowners], c => c.Codeowners("services/payments/charge.go", "pat@acme.test"), "pat", null },
        { "not a code owner", [OwnerSource.Codeowners], Default, "pat", "Pat owns none of services/payments/ (CODEOWNERS)" },
        { "any listed source will do", [OwnerSource.Consumers, OwnerSource.Codeowners], ReachingCheckout, "erin", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OwnersComeFromTheCatalogTheirConsumersOrCodeowners(string name, OwnerSource[] sources, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, string approver, string? refusal)
    {
        var rule = EvaluateRule(Requires(from: Filter(owners: sources)), change(new ChangeFactsBuilder()), Said(approver));
        Assert.True((refusal is null) == (rule.Status == RuleStatus.Approved), $"{name}: {rule.Summary}");
        Assert.Equal(refusal, rule.Requirement!.NotCounted.SingleOrDefault()?.Reason);
    }

    [Fact]
    public void TheSetIsDescribedByWhatItsOwnersOwn()
    {
        var rule = EvaluateRule(Requires(from: Filter(new LevelRange(AtLeast: "senior"), [OwnerSource.Affected, OwnerSource.Codeowners])), new ChangeFactsBuilder(), []);
        Assert.Equal("someone senior or above who owns payments (catalog) or services/payments/ (CODEOWNERS)", rule.Requirement!.Eligibility);
        Assert.Equal("needs 1 more approval from someone senior or above who owns payments (catalog) or services/payments/ (CODEOWNERS)", rule.Requirement.Missing);
    }
}
