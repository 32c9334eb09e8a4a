// Over 300 lines on purpose: the filter grammar, its evaluation on a resource and the comparison record are one small
// language, read together; split, a reader would chase the rules of one filter across files.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Countersign.Server.Scim;

/// <summary>
/// The subset of SCIM filters (RFC 7644 §3.4.2.2) identity providers send: equality comparisons
/// (<c>userName eq "alice@example.com"</c>), optionally joined by <c>and</c>. Anything else — other operators,
/// <c>or</c>, <c>not</c>, grouping, nested value filters — is refused as <c>invalidFilter</c> rather than half-understood.
/// </summary>
internal sealed class ScimFilter
{
    /// <summary>The longest filter read.</summary>
    public const int MaxLength = 1000;

    private ScimFilter(IReadOnlyList<ScimComparison> comparisons) => Comparisons = comparisons;

    /// <summary>The comparisons, all of which must hold.</summary>
    public IReadOnlyList<ScimComparison> Comparisons { get; }

    /// <summary>Parses <paramref name="text"/>; attributes must be among <paramref name="allowed"/> (null: any).</summary>
    /// <param name="text">The filter.</param>
    /// <param name="allowed">The attribute paths that may be compared, case-insensitive; null allows any.</param>
    public static ScimFilter Parse(string text, IReadOnlyCollection<string>? allowed)
    {
        if (text.Length > MaxLength)
        {
            throw ScimException.Filter($"the filter is longer than {MaxLength} characters");
        }

        var tokens = Tokenize(text);
        var comparisons = new List<ScimComparison>();
        var i = 0;
        while (true)
        {
            if (tokens.Count - i < 3)
            {
                throw ScimException.Filter($"'{Bound(text)}' is not a filter this server understands: write attribute eq \"value\" (optionally joined by and)");
            }

            var attribute = NormaliseAttribute(tokens[i]);
            if (attribute.Contains('[', StringComparison.Ordinal) || attribute.Contains('(', StringComparison.Ordinal))
            {
                throw ScimException.Filter("grouping and value filters are not supported in a filter");
            }

            if (!string.Equals(tokens[i + 1], "eq", StringComparison.OrdinalIgnoreCase))
            {
                throw ScimException.Filter($"operator '{Bound(tokens[i + 1])}' is not supported: only eq (joined by and) is");
            }

            if (allowed is not null && !allowed.Contains(attribute, StringComparer.OrdinalIgnoreCase))
            {
                throw ScimException.Filter($"filtering on '{Bound(attribute)}' is not supported; filter on {string.Join(", ", allowed)}");
            }

            comparisons.Add(new ScimComparison(attribute, Value(tokens[i + 2])));
            i += 3;
            if (i == tokens.Count)
            {
                return new ScimFilter(comparisons);
            }

            if (!string.Equals(tokens[i], "and", StringComparison.OrdinalIgnoreCase) || i + 1 == tokens.Count)
            {
                throw ScimException.Filter($"'{Bound(tokens[i])}' is not supported: comparisons may only be joined by and");
            }

            i++;
        }
    }

    public bool Matches(JsonObject resource) => Comparisons.All(c => c.Matches(resource));

    /// <summary>The compared value of the first comparison on <paramref name="attribute"/>, as text.</summary>
    public string? ValueOf(string attribute) =>
        Comparisons.FirstOrDefault(c => string.Equals(c.Attribute, attribute, StringComparison.OrdinalIgnoreCase)) is { } c ? ScimJson.Text(c.Value) : null;

    /// <summary>An attribute path without the core schema's URN prefix (<c>urn:…:core:2.0:User:userName</c> is <c>userName</c>).</summary>
    public static string NormaliseAttribute(string attribute)
    {
        foreach (var core in (string[])[ScimSchemas.User, ScimSchemas.Group])
        {
            if (attribute.StartsWith(core + ":", StringComparison.OrdinalIgnoreCase))
            {
                return attribute[(core.Length + 1)..];
            }
        }

        return attribute;
    }

    private static JsonNode? Value(string token)
    {
        if (token.StartsWith('"'))
        {
            try
            {
                return JsonValue.Create(JsonSerializer.Deserialize<string>(token));
            }
            catch (JsonException)
            {
                throw ScimException.Filter($"{Bound(token)} is not a valid JSON string");
            }
        }

        if (string.Equals(token, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(token, "false", StringComparison.OrdinalIgnoreCase))
        {
            return JsonValue.Create(string.Equals(token, "true", StringComparison.OrdinalIgnoreCase));
        }

        if (string.Equals(token, "null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (decimal.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        throw ScimException.Filter($"{Bound(token)} is not a value: quote strings (\"…\")");
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && current.Length == 0)
            {
                var start = i++;
                for (; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\')
                    {
                        i++;
                    }
                }

                if (i >= text.Length)
                {
                    throw ScimException.Filter("a quoted string is not closed");
                }

                tokens.Add(text[start..(i + 1)]);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    internal static string Bound(string text) => Core.Text.UntrustedText.Bound(text, 80)!;
}

/// <summary>One equality comparison: an attribute path (<c>userName</c>, <c>emails.value</c>, <c>urn:…:employeeType</c>) and a value.</summary>
/// <param name="Attribute">The attribute path, without the core schema prefix.</param>
/// <param name="Value">The value compared with; null for <c>eq null</c>.</param>
internal sealed record ScimComparison(string Attribute, JsonNode? Value)
{
    /// <summary>
    /// True when the attribute at the path equals the value. Multi-valued attributes match when any element does; a
    /// multi-valued complex attribute without a sub-attribute compares its elements' <c>value</c>. Strings compare
    /// case-insensitively except <c>id</c> and <c>externalId</c>, which are case-exact.
    /// </summary>
    /// <param name="resource">The resource or element to test.</param>
    public bool Matches(JsonObject resource)
    {
        var (schema, path) = ScimPath.SplitSchema(Attribute);
        var container = schema is null ? resource : ScimJson.Get(resource, schema) as JsonObject;
        var segments = path.Split('.');
        var caseExact = segments is ["id"] or ["externalId"];
        return container is not null && MatchesAt(ScimJson.Get(container, segments[0]), segments, 1, caseExact);
    }

    private bool MatchesAt(JsonNode? node, string[] segments, int index, bool caseExact)
    {
        if (node is JsonArray array)
        {
            return array.Any(e => MatchesAt(e, segments, index, caseExact));
        }

        if (index < segments.Length)
        {
            return node is JsonObject o && MatchesAt(ScimJson.Get(o, segments[index]), segments, index + 1, caseExact);
        }

        if (node is JsonObject complex)
        {
            node = ScimJson.Get(complex, "value");
        }

        var expected = ScimJson.Text(Value);
        var actual = ScimJson.Text(node);
        return expected is null ? actual is null : actual is not null && string.Equals(actual, expected, caseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// A PATCH path (RFC 7644 §3.5.2): an attribute, optionally in an extension schema, optionally narrowed by a value
/// filter, optionally to one sub-attribute: <c>active</c>, <c>name.givenName</c>, <c>members[value eq "…"]</c>,
/// <c>emails[type eq "work"].value</c>, <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeType</c>.
/// </summary>
/// <param name="Schema">The extension schema URN holding the attribute; null for the core schema.</param>
/// <param name="Attribute">The attribute name.</param>
/// <param name="Filter">The value filter selecting elements of a multi-valued attribute, if any.</param>
/// <param name="SubAttribute">The sub-attribute, if any.</param>
internal sealed record ScimPath(string? Schema, string Attribute, ScimFilter? Filter, string? SubAttribute)
{
    public static ScimPath Parse(string text)
    {
        text = text.Trim();
        if (text.Length is 0 or > 1000)
        {
            throw ScimException.Path("the path is empty or too long");
        }

        var (schema, rest) = SplitSchema(text);
        var end = 0;
        while (end < rest.Length && rest[end] is not ('[' or '.'))
        {
            end++;
        }

        var attribute = Name(rest[..end], text);
        ScimFilter? filter = null;
        string? sub = null;
        if (end < rest.Length && rest[end] == '[')
        {
            var close = CloseBracket(rest, end) ?? throw ScimException.Path($"'{ScimFilter.Bound(text)}': the value filter is not closed");
            filter = ScimFilter.Parse(rest[(end + 1)..close], null);
            end = close + 1;
            if (end < rest.Length && rest[end] != '.')
            {
                throw ScimException.Path($"'{ScimFilter.Bound(text)}' is not a valid path");
            }
        }

        if (end < rest.Length)
        {
            sub = Name(rest[(end + 1)..], text);
        }

        return new ScimPath(schema, attribute, filter, sub);
    }

    /// <summary>
    /// Splits an attribute path into its schema URN (null for the core schemas) and the attribute path inside it:
    /// the URN is everything before the last <c>:</c> ahead of any value filter.
    /// </summary>
    /// <param name="path">The full path.</param>
    public static (string? Schema, string Path) SplitSchema(string path)
    {
        if (!path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            return (null, path);
        }

        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        var colon = (bracket < 0 ? path : path[..bracket]).LastIndexOf(':');
        var schema = path[..colon];
        var rest = path[(colon + 1)..];
        return string.Equals(schema, ScimSchemas.User, StringComparison.OrdinalIgnoreCase) || string.Equals(schema, ScimSchemas.Group, StringComparison.OrdinalIgnoreCase)
            ? (null, rest)
            : (schema, rest);
    }

    private static int? CloseBracket(string text, int open)
    {
        var quoted = false;
        for (var i = open + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ']' when !quoted:
                    return i;
            }
        }

        return null;
    }

    private static string Name(string name, string path)
    {
        var valid = name.Length is > 0 and <= 100 && (char.IsAsciiLetter(name[0]) || name[0] == '$')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');
        return valid ? name : throw ScimException.Path($"'{ScimFilter.Bound(path)}' is not a valid attribute path");
    }
}
