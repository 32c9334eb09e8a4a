using Countersign.Git;

namespace Countersign.Git.Tests;

/// <summary>
/// Found by fuzzing: a commit's <c>%at</c>/<c>%ad</c> come from the repository, which may be hostile or broken, and
/// values .NET cannot represent used to throw out of the log reader (ending the scan).
/// </summary>
public sealed class CommitTimeTests
{
    [Fact]
    public void AnOrdinaryTimeKeepsItsZone()
    {
        var when = GitLogReader.ParseTime("1700000000", "+0530");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), when);
        Assert.Equal(new TimeSpan(5, 30, 0), when.Offset);
        Assert.Equal(new TimeSpan(-14, 0, 0), GitLogReader.ParseTime("0", "-1400").Offset);
    }

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("-99999999999999999")]
    [InlineData("253402300799")]
    [InlineData("-62135596800")]
    public void ASecondsValueBeyondWhatDateTimeOffsetHoldsIsClampedNotACrash(string seconds)
    {
        var when = GitLogReader.ParseTime(seconds, "+1400");

        Assert.InRange(when.Year, 1, 9999);
        Assert.Equal(TimeSpan.FromHours(14), when.Offset);
    }

    [Theory]
    [InlineData("+1460")]
    [InlineData("+9999")]
    [InlineData("-1500")]
    [InlineData("+-130")]
    [InlineData("+01:0")]
    [InlineData("+١٢٣٤")]
    public void AZoneThatIsNotAnOffsetWithinFourteenHoursIsReadAsUtc(string zone)
    {
        Assert.Equal(TimeSpan.Zero, GitLogReader.ParseTime("1700000000", zone).Offset);
    }
}
