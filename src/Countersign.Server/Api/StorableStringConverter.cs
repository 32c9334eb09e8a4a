using System.Text.Json;
using System.Text.Json.Serialization;

namespace Countersign.Server.Api;

/// <summary>
/// Every string in an API body, values and dictionary keys alike, must be <see cref="StorableText"/>: a JSON
/// <c>"\u0000"</c> or a lone <c>"\ud800"</c> is a <see cref="JsonException"/> at its path, which the API answers with a
/// 400 naming the field.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, found {reader.TokenType}");
        }

        return Checked(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(ref Utf8JsonReader reader)
    {
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException("contains an unpaired UTF-16 surrogate; it is not text");
        }

        return StorableText.Problem(value) is { } problem ? throw new JsonException(problem) : value;
    }
}
