using Countersign.Core.Policy;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class LevelRangeTests
{
    public static TheoryData<string, LevelRange, string?, bool> Cases() => new()
    {
        { "at_least is inclusive", new(AtLeast: "senior"), "senior", true },
        { "at_least excludes lower", new(AtLeast: "senior"), "mid", false },
        { "above is exclusive", new(Above: "senior"), "senior", false },
        { "at_most is inclusive", new(AtMost: "mid"), "mid", true },
        { "below is exclusive", new(Below: "senior"), "senior", false },
        { "an explicit list", new(Is: ["staff", "principal"]), "staff", true },
        { "bounds combine", new(AtLeast: "mid", Below: "staff"), "staff", false },
        { "an unknown level is below an upper bound (fail closed for conditions)", new(Below: "senior"), null, true },
        { "an unknown level is never at least anything", new(AtLeast: "intern"), null, false },
        { "a level the directory does not know is unknown", new(Below: "senior"), "wizard", true },
        { "a bound the directory does not know matches nothing", new(Below: "grandmaster"), "junior", false },
        { "an unknown at_most bound matches nothing", new(AtMost: "grandmaster"), "principal", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RangesContainLevelsByRank(string name, LevelRange range, string? level, bool contained)
    {
        Assert.True(contained == range.Contains(Org, level), name);
    }

    [Fact]
    public void RangesReadAsWords()
    {
        Assert.Equal("senior or above", new LevelRange(AtLeast: "senior").ToString());
        Assert.Equal("mid or above and below staff", new LevelRange(AtLeast: "mid", Below: "staff").ToString());
        Assert.Equal("staff or principal", new LevelRange(Is: ["staff", "principal"]).ToString());
    }
}
