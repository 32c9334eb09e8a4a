using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Countersign.Core.Audit;

/// <summary>
/// A canonical JSON encoding for hashing: object members sorted by ordinal key, no insignificant whitespace, numbers
/// and strings as System.Text.Json writes them with minimal escaping. The same data always gives the same bytes,
/// whatever order a producer wrote its members in.
/// </summary>
/// <remarks>Close to RFC 8785 (JCS) for the values the audit log stores (strings, integers, booleans, nested objects
/// and arrays); floating-point numbers are not normalised the JCS way, so audit content should not carry them.</remarks>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The canonical text of <paramref name="json"/>.</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    public static string Canonicalize(string json) => Canonicalize(JsonNode.Parse(json));

    public static string Canonicalize(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
