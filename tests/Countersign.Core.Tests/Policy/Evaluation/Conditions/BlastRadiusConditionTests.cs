using Countersign.Core.BlastRadius;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class BlastRadiusConditionTests
{
    public static TheoryData<string, BlastClass, double, BlastRadiusCondition, bool, string> Cases() => new()
    {
        { "a listed class", BlastClass.Critical, 8, new([BlastClass.MultiService, BlastClass.Critical], null, At), true, "blast radius is critical" },
        { "an unlisted class", BlastClass.Service, 3, new([BlastClass.MultiService, BlastClass.Critical], null, At), false, "blast radius is service, not multi-service or critical" },
        { "a score in range", BlastClass.MultiService, 25, new(null, new NumberRange(AtLeast: 20), At), true, "blast-radius score 25 is ≥ 20" },
        { "a score out of range", BlastClass.Contained, 0.5, new(null, new NumberRange(Above: 1), At), false, "blast-radius score 0.5 is not > 1" },
        { "both parts must hold", BlastClass.Critical, 8, new([BlastClass.Critical], new NumberRange(AtLeast: 20), At), false, "blast radius is critical; blast-radius score 8 is not ≥ 20" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BlastRadiusMatchesClassAndScoreAndSaysWhy(string name, BlastClass blast, double score, BlastRadiusCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, new ChangeFactsBuilder().Blast(blast, score));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Equal(explanation, result.Explanation);
    }
}
