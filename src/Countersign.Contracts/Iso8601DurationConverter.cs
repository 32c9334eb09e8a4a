using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Countersign.Contracts;

/// <summary>
/// Every duration in the API is an ISO 8601 duration in whole seconds (<c>"PT23S"</c>, <c>"P2DT3H4M5S"</c>), not .NET's
/// <c>"00:00:23.7499833"</c>: any language's date library reads it. Reading accepts any ISO 8601 duration without
/// years or months (their length is not fixed).
/// </summary>
public sealed class Iso8601DurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        var datePart = text?.Split('T')[0] ?? "";
        if (text is null || datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
        {
            throw new JsonException($"'{text}' is not an ISO 8601 duration in days, hours, minutes and seconds (e.g. PT23S)");
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException e)
        {
            throw new JsonException($"'{text}' is not an ISO 8601 duration (e.g. PT23S, P2DT3H)", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>The duration, truncated to whole seconds, as ISO 8601: <c>PT0S</c>, <c>PT23S</c>, <c>P1DT2H</c>.</summary>
    public static string Format(TimeSpan value) =>
        XmlConvert.ToString(TimeSpan.FromSeconds(Math.Truncate(value.TotalSeconds)));
}
