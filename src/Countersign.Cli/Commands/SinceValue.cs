using System.Globalization;

namespace Countersign.Cli.Commands;

/// <summary>
/// A parsed <c>--since</c>: an absolute <see cref="Date"/>, or an age (<see cref="Amount"/> <see cref="Unit"/>s) counted
/// back from the newest commit of what is being read, not from today's clock: on a history whose last commit is four
/// months old, <c>--since 3m</c> still means its last three months.
/// </summary>
/// <param name="Text">As the user wrote it.</param>
/// <param name="Date">The date, when one was given.</param>
/// <param name="Amount">The age's amount (bounded by <see cref="SinceParser.MaxYears"/>).</param>
/// <param name="Unit">d, w, m or y.</param>
internal sealed record SinceValue(string Text, DateTimeOffset? Date, int Amount, char Unit)
{
    /// <summary>The instant: the date, or the age counted back from <paramref name="newest"/> (the newest commit's date).</summary>
    public DateTimeOffset Resolve(DateTimeOffset newest)
    {
        if (Date is { } date)
        {
            return date;
        }

        // The amount is bounded, but a commit can carry any date git accepts: stay on the calendar.
        var floor = DateTimeOffset.MinValue.AddYears(SinceParser.MaxYears + 1);
        var from = newest < floor ? floor : newest;
        return Unit switch
        {
            'd' => from.AddDays(-Amount),
            'w' => from.AddDays(-7 * Amount),
            'm' => from.AddMonths(-Amount),
            _ => from.AddYears(-Amount),
        };
    }

    /// <summary>The window in words, with absolute dates: "since 2026-05-01 (3m before the newest commit, 2026-08-01)".</summary>
    public string Describe(DateTimeOffset resolved, DateTimeOffset? newest) => Date is not null || newest is null
        ? $"since {Day(resolved)}"
        : $"since {Day(resolved)} ({Text} before the newest commit, {Day(newest.Value)})";

    private static string Day(DateTimeOffset at) =>
        at.UtcDateTime.ToString(at.UtcDateTime.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
