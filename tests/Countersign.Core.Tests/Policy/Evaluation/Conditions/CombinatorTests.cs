using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class CombinatorTests
{
    private static readonly TierCondition TierOne = new(new NumberRange(AtMost: 1), ComponentScope.Affected, At);
    private static readonly LabelsCondition Hotfix = new(["hotfix"], null, null, At);

    public static TheoryData<string, ICondition, bool, string> Cases() => new()
    {
        { "all: every child holds", new AllCondition([TierOne, new NotCondition(Hotfix, At)], At), true, "all of its conditions hold" },
        { "all: names the first that fails", new AllCondition([TierOne, Hotfix], At), false, "not all hold: has none of the labels hotfix" },
        { "all: empty holds", new AllCondition([], At), true, "all of its conditions hold" },
        { "any: names the first that holds", new AnyCondition([Hotfix, TierOne], At), true, "payments (touched) is tier 1" },
        { "any: none holds", new AnyCondition([Hotfix], At), false, "none of its conditions holds" },
        { "any: empty never holds", new AnyCondition([], At), false, "none of its conditions holds" },
        { "not: inverts its child", new NotCondition(Hotfix, At), true, "not (has none of the labels hotfix)" },
        { "not: of a holding child", new NotCondition(TierOne, At), false, "not (payments (touched) is tier 1)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CombinatorsCombineAndExplainTheirChildren(string name, ICondition condition, bool matched, string explanation)
    {
        var result = Check(condition);
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Equal(explanation, result.Explanation);
    }

    [Fact]
    public void TheResultTreeMirrorsTheConditionTree()
    {
        var result = Check(new AllCondition([TierOne, new AnyCondition([Hotfix, new NotCondition(Hotfix, At)], At)], At));
        Assert.Equal(["tier", "any"], result.Children.Select(c => c.Key));
        Assert.Equal(["labels", "not"], result.Children[1].Children.Select(c => c.Key));
        Assert.Equal("labels", Assert.Single(result.Children[1].Children[1].Children).Key);
    }
}
