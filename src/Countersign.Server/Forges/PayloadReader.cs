using System.Text.Json;

namespace Countersign.Server.Forges;

/// <summary>
/// Reads fields of a webhook payload by path (<c>pull_request.head.sha</c>), tolerating fields it does not ask for. A
/// missing or ill-typed field gives a default and records the first <see cref="Problem"/>, naming its path, so a parser
/// reads everything and then answers <see cref="DeliveryOutcome.Rejected"/> with that one sentence.
/// </summary>
public sealed class PayloadReader(JsonElement root)
{
    /// <summary>The nesting a payload may have (GitHub's and GitLab's are under 10 deep).</summary>
    public const int MaxDepth = 64;

    /// <summary>The first missing or ill-typed field, or null.</summary>
    public string? Problem { get; private set; }

    public JsonElement Root => root;

    /// <summary>Parses <paramref name="body"/> with bounded depth; null with why when it is not a JSON object.</summary>
    public static (PayloadReader? Reader, string? Why) Parse(string body)
    {
        try
        {
            var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (new PayloadReader(document.RootElement.Clone()), null)
                : (null, "the body is not a JSON object");
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON: {Countersign.Core.Text.UntrustedText.Bound(e.Message, 200)}");
        }
    }

    /// <summary>The element at <paramref name="path"/>, or null when a part of it is missing or null.</summary>
    public JsonElement? Find(string path, JsonElement? from = null)
    {
        var at = from ?? root;
        foreach (var part in path.Split('.'))
        {
            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(part, out var next) || next.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            at = next;
        }

        return at;
    }

    public string String(string path, JsonElement? from = null, string? prefix = null) =>
        Optional(path, from, prefix) ?? Fail(path, prefix, "a string", "");

    public string? Optional(string path, JsonElement? from = null, string? prefix = null) =>
        Find(path, from) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            _ => Fail<string?>(path, prefix, "a string", null),
        };

    public long Long(string path, JsonElement? from = null, string? prefix = null) =>
        Find(path, from) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var value) ? value : Fail(path, prefix, "an integer", 0L);

    public long? OptionalLong(string path, JsonElement? from = null, string? prefix = null) =>
        Find(path, from) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var value) => value,
            _ => Fail<long?>(path, prefix, "an integer", null),
        };

    public int Int(string path, JsonElement? from = null, string? prefix = null) =>
        Find(path, from) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value) && value > 0 ? value : Fail(path, prefix, "a positive integer", 0);

    public bool Bool(string path, JsonElement? from = null, string? prefix = null, bool? missing = null) =>
        Find(path, from) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            null when missing is { } fallback => fallback,
            _ => Fail(path, prefix, "true or false", false),
        };

    /// <summary>The objects of the array at <paramref name="path"/>; empty (and a problem) when it is not an array, empty when it is missing and <paramref name="required"/> is false.</summary>
    public IReadOnlyList<JsonElement> Objects(string path, JsonElement? from = null, string? prefix = null, bool required = true)
    {
        switch (Find(path, from))
        {
            case { ValueKind: JsonValueKind.Array } array:
                var items = array.EnumerateArray().ToList();
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i].ValueKind != JsonValueKind.Object)
                    {
                        return Fail<IReadOnlyList<JsonElement>>($"{path}[{i}]", prefix, "an object", []);
                    }
                }

                return items;
            case null when !required:
                return [];
            default:
                return Fail<IReadOnlyList<JsonElement>>(path, prefix, "an array", []);
        }
    }

    /// <summary>A commit id: 40 (SHA-1) or 64 (SHA-256) hex digits.</summary>
    public string Sha(string path, JsonElement? from = null, string? prefix = null)
    {
        var value = String(path, from, prefix);
        return Problem is null && !IsSha(value) ? Fail(path, prefix, "a commit id (40 or 64 hex digits)", value) : value;
    }

    public static bool IsSha(string value) => value.Length is 40 or 64 && value.All(char.IsAsciiHexDigit);

    private T Fail<T>(string path, string? prefix, string what, T fallback)
    {
        Problem ??= $"{(prefix is null ? path : $"{prefix}.{path}")}: missing or not {what}";
        return fallback;
    }
}
