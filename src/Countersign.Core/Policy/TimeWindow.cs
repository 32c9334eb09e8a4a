using System.Globalization;

namespace Countersign.Core.Policy;

/// <summary>
/// A span of time: an absolute interval (<see cref="Start"/>–<see cref="End"/>, either open), and/or a weekly
/// recurrence (<see cref="Days"/> and a daily <see cref="From"/>–<see cref="To"/> in <see cref="TimeZone"/>; a
/// <see cref="To"/> before <see cref="From"/> wraps past midnight and then belongs to the day it starts on).
/// Every part given must hold.
/// </summary>
public sealed record TimeWindow(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    IReadOnlyList<DayOfWeek>? Days,
    TimeOnly? From,
    TimeOnly? To,
    TimeZoneInfo TimeZone)
{
    public bool Contains(DateTimeOffset instant)
    {
        if ((Start is { } s && instant < s) || (End is { } e && instant >= e))
        {
            return false;
        }

        if (Days is null && From is null && To is null)
        {
            return true;
        }

        // At the calendar's very ends a zone's offset would leave it; there, read the instant as it is.
        var local = instant.UtcDateTime is var utc && (utc < DateTime.MinValue.AddDays(2) || utc > DateTime.MaxValue.AddDays(-2))
            ? instant
            : TimeZoneInfo.ConvertTime(instant, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var from = From ?? TimeOnly.MinValue;
        var to = To ?? TimeOnly.MaxValue;
        var day = local.DayOfWeek;
        if (from <= to)
        {
            return time >= from && time < to && (Days is null || Days.Contains(day));
        }

        // Wraps midnight: the evening part belongs to today, the early-morning part to yesterday's window.
        return time >= from ? Days is null || Days.Contains(day)
            : time < to && (Days is null || Days.Contains(day == DayOfWeek.Sunday ? DayOfWeek.Saturday : day - 1));
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Start is not null || End is not null)
        {
            parts.Add($"{Start?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "…"} to {End?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "…"}");
        }

        if (Days is { Count: > 0 })
        {
            parts.Add(string.Join("/", Days.Select(d => d.ToString()[..3])));
        }

        if (From is not null || To is not null)
        {
            parts.Add($"{From ?? TimeOnly.MinValue:HH\\:mm}–{To?.ToString("HH\\:mm", CultureInfo.InvariantCulture) ?? "24:00"} {TimeZone.Id}");
        }

        return string.Join(", ", parts);
    }
}
