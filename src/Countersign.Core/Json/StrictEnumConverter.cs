using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Countersign.Core.Json;

/// <summary>
/// Reads and writes an enum as exactly one of its documented names (<see cref="JsonStringEnumMemberNameAttribute"/>, else
/// the member's name). Unlike <see cref="JsonStringEnumConverter"/> it accepts no integers (<c>2</c> or <c>"2"</c>), no
/// other case, no surrounding whitespace and no comma-separated combinations: a value that is not a name is an error
/// that lists the names, so a client never records something it did not spell out.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class StrictEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = new(StringComparer.Ordinal);
    private static readonly Dictionary<T, string> Names = [];

    /// <summary>The accepted names, in declaration order, for messages.</summary>
    private static readonly string Accepted;

    static StrictEnumConverter()
    {
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
            var value = (T)field.GetValue(null)!;
            ByName.TryAdd(name, value);
            Names.TryAdd(value, name);
        }

        Accepted = string.Join(", ", Names.Values);
    }


    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected one of {Accepted} (a string), found {Describe(reader.TokenType)}");
        }

        return Parse(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(NameOf(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(NameOf(value));

    private static T Parse(string text) =>
        ByName.TryGetValue(text, out var value)
            ? value
            : throw new JsonException($"'{Shown(text)}' is not one of {Accepted}");

    private static string NameOf(T value) =>
        Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no name for the value {value:D}");

    /// <summary>The rejected text, bounded and with control characters made visible, so an error message stays one short line.</summary>
    private static string Shown(string text) => Text.UntrustedText.ForTerminal(text, 40);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
