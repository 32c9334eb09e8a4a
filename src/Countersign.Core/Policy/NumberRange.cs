using System.Globalization;

namespace Countersign.Core.Policy;

/// <summary>An interval on a number: any bound may be missing. <c>at_least</c>/<c>at_most</c> are inclusive, <c>above</c>/<c>below</c> exclusive.</summary>
public sealed record NumberRange(double? AtLeast = null, double? AtMost = null, double? Above = null, double? Below = null)
{
    public bool Contains(double value) =>
        (AtLeast is not { } a || value >= a) && (AtMost is not { } b || value <= b) &&
        (Above is not { } c || value > c) && (Below is not { } d || value < d);

    public override string ToString()
    {
        var parts = new List<string>();
        if (AtLeast is { } a) parts.Add($"≥ {Format(a)}");
        if (Above is { } c) parts.Add($"> {Format(c)}");
        if (AtMost is { } b) parts.Add($"≤ {Format(b)}");
        if (Below is { } d) parts.Add($"< {Format(d)}");
        return parts.Count == 0 ? "any" : string.Join(" and ", parts);
    }

    internal static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
