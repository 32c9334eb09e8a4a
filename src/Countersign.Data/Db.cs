using System.Data.Common;
using System.Globalization;

namespace Countersign.Data;

/// <summary>Conventions shared by both databases: times are UTC text with seven fractional digits, so they sort as text.</summary>
internal static class Db
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? at) => at is { } value ? Time(value) : null;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseTime(string? text, bool nullable) => nullable && text is null ? null : ParseTime(text!);

    /// <summary>A column as text whatever it holds (SQLite stores any type in any column); null for NULL.</summary>
    public static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column)
        ? null
        : reader.GetValue(column) switch
        {
            string s => s,
            byte[] bytes => Convert.ToHexStringLower(bytes),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
}
