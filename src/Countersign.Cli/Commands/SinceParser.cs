using System.Globalization;

namespace Countersign.Cli.Commands;

/// <summary>
/// Parses <c>--since</c>: an ISO date/time, or an age such as <c>90d</c>, <c>12w</c>, <c>6m</c>, <c>1y</c>. Total: any text
/// gives a value or an error sentence, never an exception; ages are bounded (at most <see cref="MaxYears"/> years), so
/// counting one back from any commit date stays on the calendar.
/// </summary>
internal static class SinceParser
{
    /// <summary>The longest age accepted; longer ones ask for the whole history, which leaving out --since gives.</summary>
    public const int MaxYears = 200;

    private const string Expected = "expected a date (2026-01-31) or an age (90d, 12w, 6m, 1y)";

    public static bool TryParse(string text, out SinceValue since, out string error)
    {
        var t = text.Trim();
        since = default!;
        error = "";
        if (t.Length >= 2 && char.IsAsciiDigit(t[0]) && char.ToLowerInvariant(t[^1]) is var unit && unit is 'd' or 'w' or 'm' or 'y'
            && t[..^1].All(char.IsAsciiDigit))
        {
            var limit = unit switch { 'd' => MaxYears * 365, 'w' => MaxYears * 52, 'm' => MaxYears * 12, _ => MaxYears };
            if (!int.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > limit)
            {
                error = $"--since '{text}': an age is at most {MaxYears} years ({limit}{unit}); to take the whole history, leave out --since";
                return false;
            }

            since = new SinceValue(t, null, amount, unit);
            return true;
        }

        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            since = new SinceValue(t, date, 0, 'd');
            return true;
        }

        error = $"--since '{text}': {Expected}";
        return false;
    }
}
