using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class LabelsConditionTests
{
    public static TheoryData<string, string[], LabelsCondition, bool, string> Cases() => new()
    {
        { "any: one label present", ["hotfix"], new(["hotfix", "security"], null, null, At), true, "labelled hotfix" },
        { "labels compare case-insensitively", ["HotFix"], new(["hotfix"], null, null, At), true, "labelled hotfix" },
        { "any: none present", [], new(["hotfix"], null, null, At), false, "has none of the labels hotfix" },
        { "all: every label present", ["a", "b"], new(null, ["a", "b"], null, At), true, "labelled a, b" },
        { "all: one missing", ["a"], new(null, ["a", "b"], null, At), false, "not labelled b" },
        { "none: absent", ["a"], new(null, null, ["skip-review"], At), true, "has none of the labels skip-review" },
        { "none: present", ["skip-review"], new(null, null, ["skip-review"], At), false, "labelled skip-review" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LabelsMatchAnyAllAndNoneAndSayWhy(string name, string[] labels, LabelsCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, new ChangeFactsBuilder().Labels(labels));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Equal(explanation, result.Explanation);
    }
}
