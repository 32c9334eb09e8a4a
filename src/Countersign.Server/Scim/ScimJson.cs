using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Scim;

/// <summary>
/// JSON helpers for SCIM documents. Attribute names are case-insensitive in SCIM (RFC 7643 §2.1), so every lookup
/// here ignores case; a set keeps the spelling already present. Values read from a client are checked for type and
/// bounded in length, each failure a 400 naming the attribute.
/// </summary>
internal static class ScimJson
{
    /// <summary>The largest request body the SCIM endpoints read.</summary>
    public const int MaxBody = 8 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static string? KeyOf(JsonObject json, string name)
    {
        foreach (var (key, _) in json)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    public static JsonNode? Get(JsonObject json, string name) => KeyOf(json, name) is { } key ? json[key] : null;

    /// <summary>Sets <paramref name="name"/> (keeping an existing key's spelling) to <paramref name="value"/>, which must have no parent.</summary>
    public static void Set(JsonObject json, string name, JsonNode? value) => json[KeyOf(json, name) ?? name] = value;

    public static bool Remove(JsonObject json, string name) => KeyOf(json, name) is { } key && json.Remove(key);

    /// <summary>The nested object at <paramref name="name"/>; created when absent and <paramref name="create"/> is set.</summary>
    public static JsonObject? Object(JsonObject json, string name, bool create)
    {
        if (Get(json, name) is JsonObject existing)
        {
            return existing;
        }

        if (!create)
        {
            return null;
        }

        var created = new JsonObject();
        Set(json, name, created);
        return created;
    }

    /// <summary>The elements of a multi-valued attribute; a lone object or value counts as one element (lenient to clients that send one).</summary>
    public static IEnumerable<JsonNode> Items(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Where(n => n is not null).Select(n => n!),
        _ => [node],
    };

    /// <summary>A string attribute (numbers are accepted as their text); null when absent or JSON null.</summary>
    public static string? String(JsonNode? node, string attribute, int max)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value)
        {
            throw ScimException.Invalid($"{attribute}: must be a string");
        }

        string text;
        if (value.TryGetValue<string>(out var s))
        {
            text = s;
        }
        else if (value.GetValueKind() == JsonValueKind.Number)
        {
            text = value.ToJsonString();
        }
        else
        {
            throw ScimException.Invalid($"{attribute}: must be a string");
        }

        text = text.Trim();
        if (text.Length > max)
        {
            throw ScimException.Invalid($"{attribute}: is longer than {max} characters");
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>A boolean attribute; the strings "true" and "false" (any case) count too, as some IdPs send them.</summary>
    public static bool? Bool(JsonNode? node, string attribute)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue<bool>(out var b))
            {
                return b;
            }

            if (value.TryGetValue<string>(out var s) && bool.TryParse(s.Trim(), out var parsed))
            {
                return parsed;
            }
        }

        throw ScimException.Invalid($"{attribute}: must be true or false");
    }

    /// <summary>A value as text for comparisons: strings as they are, booleans lower-case, numbers as written.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    public static JsonArray Array(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads the request body as a JSON object: application/scim+json or application/json, at most <see cref="MaxBody"/> bytes.</summary>
    /// <param name="context">The request.</param>
    public static async Task<JsonObject> BodyAsync(HttpContext context)
    {
        if (context.Request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ScimException(StatusCodes.Status415UnsupportedMediaType, null, "send the body as application/scim+json (or application/json)");
        }

        if (context.Request.ContentLength > MaxBody)
        {
            throw new ScimException(StatusCodes.Status413PayloadTooLarge, null, $"the body is larger than {MaxBody} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                throw new ScimException(StatusCodes.Status413PayloadTooLarge, null, $"the body is larger than {MaxBody} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), null, DocumentOptions);
        }
        catch (JsonException e)
        {
            var position = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw ScimException.Syntax($"the body is not valid JSON{position}");
        }

        var body = node as JsonObject ?? throw ScimException.Syntax("the body must be a JSON object");
        try
        {
            EnsureStorable(body, "");
        }
        catch (InvalidOperationException)
        {
            throw ScimException.Invalid("an attribute name holds an unpaired UTF-16 surrogate; it is not text");
        }

        return body;
    }

    /// <summary>Every key and string in the document must be storable text (no U+0000, no lone surrogate): a 400 naming the attribute.</summary>
    private static void EnsureStorable(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var at = path.Length == 0 ? key : $"{path}.{key}";
                    if (Api.StorableText.Problem(key) is { } problem)
                    {
                        throw ScimException.Invalid($"{path}{(path.Length == 0 ? "" : ".")}(attribute name): {problem}");
                    }

                    EnsureStorable(value, at);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    EnsureStorable(a[i], $"{path}[{i}]");
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                string text;
                try
                {
                    text = v.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    throw ScimException.Invalid($"{path}: contains an unpaired UTF-16 surrogate; it is not text");
                }

                if (Api.StorableText.Problem(text) is { } bad)
                {
                    throw ScimException.Invalid($"{path}: {bad}");
                }

                break;
        }
    }
}
