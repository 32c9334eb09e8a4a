using System.Globalization;

namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// Normalises the many ways teams write criticality to a tier from 1 (most critical) to 4. Accepted: a number 0–4
/// optionally written <c>tier-1</c>, <c>tier 1</c>, <c>tier_1</c>, <c>tier1</c> or <c>t1</c> (tier 0, a common name for
/// the most critical services, is tier 1); words <c>critical</c>/<c>mission-critical</c> (1), <c>high</c>/<c>business-critical</c> (2),
/// <c>medium</c>/<c>moderate</c>/<c>normal</c>/<c>standard</c> (3), <c>low</c>/<c>minimal</c>/<c>non-critical</c>/<c>best-effort</c> (4).
/// </summary>
internal static class TierParser
{
    public static int? Normalize(string? text)
    {
        var value = text?.Trim().ToLowerInvariant() ?? "";
        if (value.StartsWith("tier", StringComparison.Ordinal))
        {
            value = value[4..].TrimStart('-', '_', ' ');
        }
        else if (value.Length == 2 && value[0] == 't')
        {
            value = value[1..];
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 0 and <= 4 ? Math.Max(number, 1) : null;
        }

        return value switch
        {
            "critical" or "mission-critical" or "mission critical" => 1,
            "high" or "business-critical" or "business critical" => 2,
            "medium" or "moderate" or "normal" or "standard" => 3,
            "low" or "minimal" or "non-critical" or "noncritical" or "best-effort" => 4,
            _ => null,
        };
    }
}
