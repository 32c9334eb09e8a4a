using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class SizeConditionTests
{
    private static readonly NumberRange AtLeast400 = new(AtLeast: 400);
    private static readonly NumberRange AtMost3 = new(AtMost: 3);

    public static TheoryData<string, Func<ChangeFactsBuilder, ChangeFactsBuilder>, SizeCondition, bool, string> Cases() => new()
    {
        { "changed lines are added plus deleted", c => c, new(AtLeast400, null, null, null, null, At), false, "32 changed lines, not ≥ 400" },
        { "a large change", c => c.File("big.go", 380), new(AtLeast400, null, null, null, null, At), true, "412 changed lines, ≥ 400" },
        { "added lines", c => c, new(null, new NumberRange(AtLeast: 30), null, null, null, At), true, "30 added lines, ≥ 30" },
        { "deleted lines", c => c, new(null, null, new NumberRange(Above: 2), null, null, At), false, "2 deleted lines, not > 2" },
        { "one file", c => c, new(null, null, null, AtMost3, null, At), true, "1 file, ≤ 3" },
        { "too many files", c => c.File("a").File("b").File("c"), new(null, null, null, AtMost3, null, At), false, "4 files, not ≤ 3" },
        { "merge commits do not count", c => c.Commit(ProvenanceStatus.Ai).Commit(ProvenanceStatus.Unknown, isMerge: true), new(null, null, null, null, new NumberRange(AtLeast: 3), At), false, "2 commits, not ≥ 3" },
        { "every measure must hold", c => c, new(AtLeast400, null, null, AtMost3, null, At), false, "32 changed lines, not ≥ 400; 1 file, ≤ 3" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SizeMatchesEachMeasureAndSaysWhy(string name, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, SizeCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, change(new ChangeFactsBuilder()));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Equal(explanation, result.Explanation);
    }
}
