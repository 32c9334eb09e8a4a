using System.Globalization;

namespace Countersign.Cli.Commands;

/// <summary>Parses <c>--since</c>: an ISO date/time, or an age such as <c>90d</c>, <c>12w</c>, <c>6m</c>, <c>1y</c>.</summary>
internal static class SinceParser
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        var t = text.Trim();
        if (t.Length >= 2 && int.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            since = char.ToLowerInvariant(t[^1]) switch
            {
                'd' => now.AddDays(-n),
                'w' => now.AddDays(-7 * n),
                'm' => now.AddMonths(-n),
                'y' => now.AddYears(-n),
                _ => default,
            };
            if (since != default)
            {
                return true;
            }
        }

        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since);
    }
}
