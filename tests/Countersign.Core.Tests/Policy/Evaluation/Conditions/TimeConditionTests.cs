using System.Globalization;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class TimeConditionTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-11-27T18:00:00+01:00", true)] // Friday 18:00 Berlin
    [InlineData("2026-11-28T02:00:00+01:00", true)] // Saturday 02:00: the Friday window wraps past midnight
    [InlineData("2026-11-28T06:00:00+01:00", false)] // the wrapped part ends at 06:00
    [InlineData("2026-11-28T18:00:00+01:00", false)] // Saturday evening
    [InlineData("2026-11-27T15:59:00+01:00", false)] // Friday before the window
    [InlineData("2026-11-27T16:30:00+00:00", true)] // the instant is converted into the window's time zone
    public void WeeklyWindowsRecurInTheirTimeZone(string instant, bool inside)
    {
        var window = new TimeWindow(null, null, [DayOfWeek.Friday], new TimeOnly(16, 0), new TimeOnly(6, 0), Berlin);
        var result = Check(new TimeCondition(window, At), now: DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));
        Assert.Equal(inside, result.Matched);
        Assert.Contains(inside ? "now is within Fri, 16:00–06:00 Europe/Berlin" : "now is not within", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(47, true)]
    [InlineData(48, false)] // the end is exclusive
    public void AbsoluteWindowsIncludeTheirStartAndExcludeTheirEnd(int hours, bool inside)
    {
        var window = new TimeWindow(Now, Now.AddHours(48), null, null, null, TimeZoneInfo.Utc);
        Assert.Equal(inside, Check(new TimeCondition(window, At), now: Now.AddHours(hours)).Matched);
    }
}
