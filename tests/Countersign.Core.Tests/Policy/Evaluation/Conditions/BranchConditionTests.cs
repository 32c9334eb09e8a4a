using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class BranchConditionTests
{
    [Theory]
    [InlineData(true, "main", "main", true, "target branch main matches main")]
    [InlineData(true, "release/2026.11", "release/*", true, "target branch release/2026.11 matches release/*")]
    [InlineData(true, "release/2026/11", "release/*", false, "target branch release/2026/11 matches none of release/*")]
    [InlineData(true, "develop", "main", false, "target branch develop matches none of main")]
    [InlineData(true, null, "main", false, "the target branch is not known")]
    [InlineData(false, "feature/x", "feature/**", true, "source branch feature/x matches feature/**")]
    [InlineData(false, null, "feature/**", false, "the source branch is not known")]
    public void BranchesMatchTheirGlobsAndAnUnknownBranchMatchesNothing(bool target, string? branch, string glob, bool matched, string explanation)
    {
        var change = target ? new ChangeFactsBuilder().Branches(branch, "feature/x") : new ChangeFactsBuilder().Branches("main", branch);
        var result = Check(new BranchCondition(target, [new PolicyGlob(glob)], At), change);
        Assert.Equal(matched, result.Matched);
        Assert.Equal(explanation, result.Explanation);
        Assert.Equal(target ? "target_branch" : "source_branch", result.Key);
    }
}
