using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class TierConditionTests
{
    public static TheoryData<string, Func<ChangeFactsBuilder, ChangeFactsBuilder>, TierCondition, bool, string> Cases() => new()
    {
        { "a touched tier-1 component", c => c, new(new NumberRange(AtMost: 1), ComponentScope.Affected, At), true, "payments (touched) is tier 1" },
        { "tier 2 or 3 only", c => c, new(new NumberRange(AtLeast: 2, AtMost: 3), ComponentScope.Affected, At), false, "no affected component has a tier ≥ 2 and ≤ 3" },
        { "a reached tier-1 consumer", c => c.NoComponents().Touching("docs-site", 3, null).Reaching("checkout", 1, "group:default/checkout"), new(new NumberRange(AtMost: 1), ComponentScope.Reached, At), true, "checkout (reached) is tier 1" },
        { "the most critical is named", c => c.Touching("ledger", 2, null).Reaching("checkout", 1, null), new(new NumberRange(AtMost: 2), ComponentScope.Affected, At), true, "(touched) is tier 1" },
        { "a component without a tier never matches", c => c.NoComponents().Touching("scratch", null, null), new(new NumberRange(AtLeast: 0), ComponentScope.Affected, At), false, "no affected component has a tier ≥ 0" },
        { "touched scope ignores reached", c => c.NoComponents().Reaching("checkout", 1, null), new(new NumberRange(AtMost: 1), ComponentScope.Touched, At), false, "no touched component" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TiersMatchInTheirScopeAndNameTheComponent(string name, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, TierCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, change(new ChangeFactsBuilder()));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Contains(explanation, result.Explanation, StringComparison.Ordinal);
    }
}
