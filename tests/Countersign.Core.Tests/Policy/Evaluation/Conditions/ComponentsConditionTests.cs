using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class ComponentsConditionTests
{
    private static readonly Func<ChangeFactsBuilder, ChangeFactsBuilder> ReachingLedger = c => c.Reaching("ledger", 2, "group:default/platform");

    public static TheoryData<string, Func<ChangeFactsBuilder, ChangeFactsBuilder>, ComponentsCondition, bool, string> Cases() => new()
    {
        { "a plain name", c => c, new(["payments"], ComponentScope.Touched, At), true, "the change affects payments" },
        { "names are case-insensitive", c => c, new(["Payments"], ComponentScope.Touched, At), true, "affects payments" },
        { "a full catalog ref", c => c, new(["component:default/payments"], ComponentScope.Affected, At), true, "affects payments" },
        { "namespace/name", c => c, new(["default/payments"], ComponentScope.Affected, At), true, "affects payments" },
        { "a ref without namespace is in default", c => c, new(["component:payments"], ComponentScope.Affected, At), true, "affects payments" },
        { "another namespace is another component", c => c, new(["component:billing/payments"], ComponentScope.Affected, At), false, "no affected component is component:billing/payments" },
        { "another kind is another entity", c => c, new(["api:default/payments"], ComponentScope.Affected, At), false, "no affected component" },
        { "a touched component is not reached", c => c, new(["payments"], ComponentScope.Reached, At), false, "no reached component is payments" },
        { "a reached component", ReachingLedger, new(["ledger"], ComponentScope.Reached, At), true, "the change reaches ledger" },
        { "affected covers reached", ReachingLedger, new(["search", "ledger"], ComponentScope.Affected, At), true, "the change affects ledger" },
        { "touched does not cover reached", ReachingLedger, new(["ledger"], ComponentScope.Touched, At), false, "no touched component is ledger" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComponentsMatchByNameOrRefInTheirScope(string name, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, ComponentsCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, change(new ChangeFactsBuilder()));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Contains(explanation, result.Explanation, StringComparison.Ordinal);
    }
}
