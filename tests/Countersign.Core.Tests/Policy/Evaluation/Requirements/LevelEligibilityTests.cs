using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class LevelEligibilityTests
{
    public static TheoryData<string, LevelRange, string, string?> Cases() => new()
    {
        { "a senior may sign for senior or above", new(AtLeast: "senior"), "erin", null },
        { "a staff engineer may sign for senior or above", new(AtLeast: "senior"), "pat", null },
        { "a mid may not", new(AtLeast: "senior"), "bob", "Bob is mid, the rule needs senior or above" },
        { "above is exclusive", new(Above: "senior"), "erin", "Erin is senior, the rule needs above senior" },
        { "an upper bound excludes the more senior", new(AtMost: "senior"), "pat", "Pat is staff, the rule needs senior or below" },
        { "an explicit list", new(Is: ["staff", "principal"]), "pat", null },
        { "no level is never eligible by level", new(AtLeast: "junior"), "lee", "Lee has no level in the org directory, the rule needs junior or above" },
        { "not even for a range bounded only from above", new(AtMost: "mid"), "lee", "Lee has no level in the org directory, the rule needs mid or below" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ApproversAreEligibleByLevelAndAMissingLevelNeverQualifies(string name, LevelRange level, string approver, string? refusal)
    {
        var rule = EvaluateRule(Requires(from: Filter(level)), new ChangeFactsBuilder(), Said(approver), org: WithExtras);
        Assert.True((refusal is null) == (rule.Status == RuleStatus.Approved), name);
        Assert.Equal(refusal, rule.Requirement!.NotCounted.SingleOrDefault()?.Reason);
    }
}
