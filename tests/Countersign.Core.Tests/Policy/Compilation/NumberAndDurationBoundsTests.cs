using Countersign.Core.Policy;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.Policy.Testing;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>
/// Numbers and durations in a policy and its fixtures are whole, finite and in range, or an error naming the place
/// and the field: nothing is silently wrapped or clamped, and nothing overflows when the policy is evaluated.
/// </summary>
public sealed class NumberAndDurationBoundsTests
{
    private static string CountPolicy(string count) =>
        $"version: 1\nrules:\n  - name: r\n    requires:\n      count: {count}\n      from: {{level: {{at_least: senior}}}}\n";

    [Fact]
    public void ACountTooLargeForAWholeNumberIsAnErrorNamingLineColumnAndFieldNotAClampedCount() =>
        Assert.Equal(
            "policy.yaml:5:14: error: 4294967297 is out of range: must be at most 2147483647 (the largest whole number a field holds) (field 'rules[0].requires.count')",
            Compile.Errors(CountPolicy("4294967297")));

    [Theory]
    [InlineData("1.5", "expected a whole number, found the number 1.5")]
    [InlineData("-1", "-1 is out of range: must be at least 1")]
    [InlineData("0", "0 is out of range: must be at least 1")]
    [InlineData("1e30", "expected a whole number, found the number 1e30")]
    [InlineData("0x100000000", "4294967296 is out of range: must be at most 2147483647 (the largest whole number a field holds)")]
    [InlineData(".inf", "expected a whole number, found the number .inf")]
    public void ACountThatIsNotAPositiveWholeNumberIsAnError(string count, string message) =>
        Assert.Equal($"policy.yaml:5:14: error: {message} (field 'rules[0].requires.count')", Compile.Errors(CountPolicy(count)));

    [Fact]
    public void TheLargestCountIsAcceptedAsItIs() =>
        Assert.Equal(int.MaxValue, Assert.IsType<ApprovalRequirement>(Compile.Valid(CountPolicy("2147483647")).Rules[0].Requires).Count);

    [Fact]
    public void AReasonLengthTooLargeForAWholeNumberIsAnError() =>
        Assert.Equal(
            "policy.yaml:4:22: error: 99999999999 is out of range: must be at most 2147483647 (the largest whole number a field holds) (field 'break_glass.min_reason_length')",
            Compile.Errors("version: 1\nbreak_glass:\n  allowed: {}\n  min_reason_length: 99999999999\n"));

    [Theory]
    [InlineData("999999d")]
    [InlineData("3651d")]
    [InlineData("87601h")]
    public void AReviewDeadlineBeyondTenYearsIsAnErrorNotAnOverflowWhenABreakGlassIsJudged(string within) =>
        Assert.Equal(
            $"policy.yaml:4:18: error: '{within}' is not a duration of at most 3650d (10 years): write a whole number and a unit, e.g. 30m, 48h or 3d (field 'break_glass.review_within')",
            Compile.Errors($"version: 1\nbreak_glass:\n  allowed: {{}}\n  review_within: {within}\n"));

    [Fact]
    public void TenYearsIsTheLongestReviewDeadline() =>
        Assert.Equal(TimeSpan.FromDays(3650), Compile.Valid("version: 1\nbreak_glass:\n  allowed: {}\n  review_within: 3650d\n").BreakGlass!.ReviewWithin);

    [Fact]
    public void AWeeklyWindowAtTheEndsOfTheCalendarAnswersInsteadOfThrowing()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var window = new TimeWindow(null, null, [DayOfWeek.Friday], new TimeOnly(16, 0), null, berlin);
        _ = window.Contains(DateTimeOffset.MaxValue);
        _ = window.Contains(DateTimeOffset.MinValue);
        Assert.True(window.Contains(new DateTimeOffset(2026, 12, 4, 16, 30, 0, TimeSpan.FromHours(1))));
    }

    [Theory]
    [InlineData("risk: NaN", "change.risk: expected a number from 0 to 100, found 'NaN'")]
    [InlineData("ai_line_share: Infinity", "change.ai_line_share: expected a number from 0 to 1, found 'Infinity'")]
    [InlineData("blast_radius: {score: 1e400}", "change.blast_radius.score: expected a number of at least 0, found '1e400'")]
    public void AFixtureNumberThatIsNotFiniteIsAnError(string change, string message)
    {
        var (_, diagnostics) = PolicyFixtureReader.Read($"cases:\n  - name: x\n    change: {{{change}}}\n    expect: {{}}\n", "cases.yaml", Org, Now);
        Assert.Contains(diagnostics, d => d.Message.EndsWith(message, StringComparison.Ordinal));
    }
}
