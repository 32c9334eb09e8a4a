namespace Countersign.Demo;

/// <summary>
/// Spreads commits over the working days of the six months that end on <see cref="LastDay"/>, in order,
/// between 08:00 and 18:00 UTC, so history reads like a team's calendar and is the same on every run.
/// </summary>
internal static class DemoCalendar
{
    public static readonly DateOnly LastDay = new(2026, 11, 20);
    public static readonly DateOnly FirstDay = LastDay.AddMonths(-6).AddDays(1);

    public static IReadOnlyList<DateTimeOffset> Spread(int count, Random random)
    {
        var days = new List<DateOnly>();
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(day);
            }
        }

        var times = new List<DateTimeOffset>(count);
        for (var i = 0; i < count; i++)
        {
            var dayIndex = (int)((long)i * days.Count / count);
            var first = (int)Math.Ceiling((double)dayIndex * count / days.Count);
            var next = (int)Math.Ceiling((double)(dayIndex + 1) * count / days.Count);
            var slot = 600.0 / Math.Max(1, next - first); // minutes of the working day per commit
            var minute = 8 * 60 + (int)((i - first) * slot + random.NextDouble() * slot * 0.8);
            var day = days[dayIndex];
            times.Add(new DateTimeOffset(day.Year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero).AddMinutes(minute).AddSeconds(random.Next(60)));
        }

        return times;
    }
}
