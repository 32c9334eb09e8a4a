using Countersign.Core.Policy.Compilation;

namespace Countersign.Core.Tests.Policy.Compilation;

public sealed class FreezeAndBreakGlassTests
{
    [Fact]
    public void AFreezeCompilesWithEveryPart()
    {
        var freeze = Assert.Single(Compile.Valid("""
            version: 1
            freezes:
              - name: year-end
                reason: Year-end freeze.
                window: {start: 2026-12-19T00:00:00Z, end: 2027-01-04T00:00:00Z}
                branches: [main, "release/*"]
                services: [payments-api]
                environments: [production]
                except: {labels: {any: [hotfix]}}
            """).Freezes);
        Assert.Equal(("year-end", "Year-end freeze."), (freeze.Name, freeze.Reason));
        Assert.Equal(["main", "release/*"], freeze.Branches!.Select(b => b.Pattern));
        Assert.Equal(["payments-api"], freeze.Services);
        Assert.Equal(["production"], freeze.Environments);
        Assert.Equal("labels(any=hotfix)", CompiledText.Of(freeze.Except!));
        Assert.Equal(new DateTimeOffset(2026, 12, 19, 0, 0, 0, TimeSpan.Zero), freeze.Window.Start);
        Assert.Equal((3, 5), (freeze.Position.Line, freeze.Position.Column));
    }

    public static TheoryData<string, string, bool> Windows() => new()
    {
        // window, instant, inside
        { "{start: 2026-12-19T00:00:00Z, end: 2027-01-04T00:00:00Z}", "2026-12-19T00:00:00Z", true },
        { "{start: 2026-12-19T00:00:00Z, end: 2027-01-04T00:00:00Z}", "2027-01-04T00:00:00Z", false },
        { "{start: 2026-12-19T09:00:00+01:00}", "2026-12-19T08:00:00Z", true },
        { "{start: 2026-12-19T09:00:00+01:00}", "2026-12-19T07:59:59Z", false },
        { "{end: 2026-01-01T00:00:00.5Z}", "2026-01-01T00:00:00Z", true },
        // Friday 2026-11-27: 17:00 in Berlin is 16:00 UTC in winter.
        { "{days: [fri], from: \"17:00\", to: \"24:00\", timezone: Europe/Berlin}", "2026-11-27T16:00:00Z", true },
        { "{days: [fri], from: \"17:00\", to: \"24:00\", timezone: Europe/Berlin}", "2026-11-27T15:59:00Z", false },
        { "{days: [fri], from: \"17:00\", to: \"24:00\", timezone: Europe/Berlin}", "2026-11-27T22:59:00Z", true },
        { "{days: [fri], from: \"17:00\", to: \"24:00\", timezone: Europe/Berlin}", "2026-11-27T23:00:00Z", false },
        // to before from wraps past midnight and belongs to the day it starts on.
        { "{days: [fri], from: \"22:00\", to: \"06:00\"}", "2026-11-28T05:00:00Z", true },
        { "{days: [fri], from: \"22:00\", to: \"06:00\"}", "2026-11-27T05:00:00Z", false },
        { "{from: \"9:00\", to: \"17:30\"}", "2026-11-25T09:00:00Z", true },
        { "{days: [sat, sun]}", "2026-11-29T12:00:00Z", true },
        { "{days: [sat, sun]}", "2026-11-30T12:00:00Z", false },
        // Every part given must hold.
        { "{start: 2026-12-01T00:00:00Z, days: [fri]}", "2026-11-27T12:00:00Z", false },
        { "{start: 2026-12-01T00:00:00Z, days: [fri]}", "2026-12-04T12:00:00Z", true },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void TimeWindowsCompileToTheInstantsTheyMean(string window, string instant, bool inside)
    {
        var freeze = Assert.Single(Compile.Valid($"version: 1\nfreezes:\n  - name: f\n    window: {window}\n").Freezes);
        Assert.Equal(inside, freeze.Window.Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void BreakGlassCompilesWithDefaults()
    {
        var glass = Compile.Valid("version: 1\nbreak_glass:\n  allowed: {level: {at_least: staff}}\n").BreakGlass!;
        Assert.Equal((20, TimeSpan.FromHours(48)), (glass.MinReasonLength, glass.ReviewWithin));
        Assert.Equal("from(level=staff or above)", CompiledText.Of(glass.Allowed));
        Assert.Null(Compile.Valid("version: 1\n").BreakGlass);
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("1m", 1)]
    [InlineData("48h", 48 * 60)]
    [InlineData("3d", 3 * 24 * 60)]
    [InlineData("999999m", 999999)]
    public void DurationsAreANumberAndAUnit(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), ValueCompiler.Duration(text));
        var glass = Compile.Valid($"version: 1\nbreak_glass:\n  allowed: {{}}\n  review_within: {text}\n").BreakGlass!;
        Assert.Equal(TimeSpan.FromMinutes(minutes), glass.ReviewWithin);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("48")]
    [InlineData("2 weeks")]
    [InlineData("1.5h")]
    [InlineData("2w")]
    [InlineData("h")]
    [InlineData("-3d")]
    public void AnythingElseIsNotADuration(string text)
    {
        Assert.Null(ValueCompiler.Duration(text));
        Assert.Contains("is not a duration: write a whole number and a unit, e.g. 30m, 48h or 3d (field 'break_glass.review_within')",
            Compile.Errors($"version: 1\nbreak_glass:\n  allowed: {{}}\n  review_within: \"{text}\"\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ProtectedBranchesDefaultToMainAndMaster()
    {
        Assert.Equal(["main", "master"], Compile.Valid("version: 1\n").ProtectedBranches.Select(b => b.Pattern));
        var policy = Compile.Valid("version: 1\nprotected_branches: [trunk, \"release/*\"]\n");
        Assert.True(policy.Protects("release/2.0"));
        Assert.False(policy.Protects("main"));
        Assert.Empty(Compile.Valid("version: 1\nprotected_branches: []\n").ProtectedBranches);
    }
}
