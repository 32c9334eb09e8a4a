using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class RiskConditionTests
{
    [Theory]
    [InlineData(30, 25.0, null, true, "risk score 30 (mostly lines added) is ≥ 25")]
    [InlineData(20, 25.0, null, false, "risk score 20 (mostly lines added) is not ≥ 25")]
    [InlineData(60, null, 60.0, false, "risk score 60 (mostly lines added) is not < 60")]
    [InlineData(59.5, null, 60.0, true, "risk score 59.5 (mostly lines added) is < 60")]
    public void RiskMatchesTheScoreRangeAndNamesItsDrivers(double score, double? atLeast, double? below, bool matched, string explanation)
    {
        var result = Check(new RiskCondition(new NumberRange(AtLeast: atLeast, Below: below), At), new ChangeFactsBuilder().Risk(score));
        Assert.Equal(matched, result.Matched);
        Assert.Equal(explanation, result.Explanation);
    }
}
