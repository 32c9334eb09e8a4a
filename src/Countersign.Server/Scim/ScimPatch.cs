using System.Text.Json.Nodes;

namespace Countersign.Server.Scim;

/// <summary>
/// Applies a PatchOp (RFC 7644 §3.5.2) to a resource's JSON representation; the result is then read exactly like a
/// PUT body, so PATCH and PUT cannot disagree. Both styles identity providers use work: a path per operation
/// (Entra ID: <c>{"op":"Replace","path":"active","value":"False"}</c>) and a value object without a path (Okta:
/// <c>{"op":"replace","value":{"active":false}}</c>). Operation names are case-insensitive.
/// </summary>
internal static class ScimPatch
{
    public const int MaxOperations = 1000;

    /// <summary>Applies every operation of <paramref name="request"/> to <paramref name="resource"/>, in order.</summary>
    /// <param name="resource">The resource's current representation; changed in place.</param>
    /// <param name="request">The PatchOp message.</param>
    /// <param name="extensionSchemas">Extension schema URNs whose objects a path-less value may carry.</param>
    /// <param name="maxValues">The most multi-valued elements (members, e-mails) the operations may carry together.</param>
    public static void Apply(JsonObject resource, JsonObject request, IReadOnlyCollection<string> extensionSchemas, int maxValues)
    {
        if (ScimJson.Get(request, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            throw ScimException.Syntax("a PatchOp needs a non-empty 'Operations' array");
        }

        if (operations.Count > MaxOperations)
        {
            throw ScimException.TooMany($"Operations: at most {MaxOperations} operations per request");
        }

        var values = operations.OfType<JsonObject>().Sum(o => CountValues(ScimJson.Get(o, "value")));
        if (values > maxValues)
        {
            throw ScimException.TooMany($"Operations: {values} values in one request; send at most {maxValues} (split the change over several requests)");
        }

        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw ScimException.Syntax($"Operations[{i}]: must be an object");
            }

            var name = ScimJson.String(ScimJson.Get(operation, "op"), $"Operations[{i}].op", 20)?.ToLowerInvariant();
            if (name is not ("add" or "replace" or "remove"))
            {
                throw ScimException.Syntax($"Operations[{i}].op: must be add, replace or remove");
            }

            var path = ScimJson.String(ScimJson.Get(operation, "path"), $"Operations[{i}].path", 1000);
            var value = ScimJson.Get(operation, "value");
            if (path is not null)
            {
                Apply(resource, name, ScimPath.Parse(path), value);
                continue;
            }

            if (name == "remove")
            {
                throw ScimException.NoTarget($"Operations[{i}]: remove needs a path");
            }

            if (value is not JsonObject attributes)
            {
                throw ScimException.Syntax($"Operations[{i}].value: without a path, the value must be an object of attributes");
            }

            foreach (var (key, attributeValue) in attributes.ToList())
            {
                if (attributeValue is JsonObject extension && extensionSchemas.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    foreach (var (inner, innerValue) in extension.ToList())
                    {
                        Apply(resource, name, ScimPath.Parse($"{key}:{inner}"), innerValue);
                    }
                }
                else
                {
                    Apply(resource, name, ScimPath.Parse(key), attributeValue);
                }
            }
        }
    }

    private static int CountValues(JsonNode? value) => value switch
    {
        JsonArray array => array.Count,
        JsonObject o => o.Sum(p => p.Value is JsonArray a ? a.Count : 0),
        _ => 0,
    };

    private static void Apply(JsonObject resource, string op, ScimPath path, JsonNode? value)
    {
        var container = path.Schema is null ? resource : ScimJson.Object(resource, path.Schema, create: op != "remove");
        if (container is null)
        {
            return;
        }

        if (op == "replace" && value is null && path.Filter is null)
        {
            op = "remove"; // replacing with null clears the attribute
        }

        if (op != "remove" && value is null)
        {
            throw ScimException.Invalid($"{path.Attribute}: {op} needs a value");
        }

        var current = ScimJson.Get(container, path.Attribute);
        if (path.Filter is { } filter)
        {
            ApplyFiltered(container, op, path, filter, current as JsonArray, value);
            return;
        }

        if (path.SubAttribute is { } sub)
        {
            ApplySub(container, op, path.Attribute, sub, current, value);
            return;
        }

        switch (op)
        {
            case "remove" when value is JsonArray removed && current is JsonArray elements:
                // Entra ID removes members as {"op":"Remove","path":"members","value":[{"value":"…"}]}.
                foreach (var element in elements.Where(e => removed.Any(r => SameElement(e, r))).ToList())
                {
                    elements.Remove(element);
                }

                if (elements.Count == 0)
                {
                    ScimJson.Remove(container, path.Attribute);
                }

                break;
            case "remove":
                ScimJson.Remove(container, path.Attribute);
                break;
            case "add" when current is JsonArray elements:
                Append(elements, value is JsonArray many ? many : new JsonArray(value!.DeepClone()));
                break;
            case "add" or "replace" when value is JsonObject fields && current is JsonObject existing:
                Merge(existing, fields);
                break;
            default:
                ScimJson.Set(container, path.Attribute, value!.DeepClone());
                break;
        }
    }

    private static void ApplyFiltered(JsonObject container, string op, ScimPath path, ScimFilter filter, JsonArray? elements, JsonNode? value)
    {
        var matches = elements?.OfType<JsonObject>().Where(filter.Matches).ToList() ?? [];
        if (op == "remove")
        {
            foreach (var match in matches)
            {
                if (path.SubAttribute is { } sub)
                {
                    ScimJson.Remove(match, sub);
                }
                else
                {
                    elements!.Remove(match);
                }
            }

            if (elements is { Count: 0 })
            {
                ScimJson.Remove(container, path.Attribute);
            }

            return;
        }

        if (matches.Count == 0)
        {
            // No element matches: add one carrying the filter's values (Entra ID sets emails[type eq "work"].value on a
            // user that has no work address yet).
            var element = new JsonObject();
            foreach (var comparison in filter.Comparisons.Where(c => !c.Attribute.Contains('.', StringComparison.Ordinal)))
            {
                ScimJson.Set(element, comparison.Attribute, comparison.Value?.DeepClone());
            }

            if (elements is null)
            {
                elements = [];
                ScimJson.Set(container, path.Attribute, elements);
            }

            elements.Add(element);
            matches.Add(element);
        }

        foreach (var match in matches)
        {
            if (path.SubAttribute is { } sub)
            {
                ScimJson.Set(match, sub, value!.DeepClone());
            }
            else if (value is JsonObject fields)
            {
                Merge(match, fields);
            }
            else
            {
                throw ScimException.Invalid($"{path.Attribute}: the value of a filtered path without a sub-attribute must be an object");
            }
        }
    }

    private static void ApplySub(JsonObject container, string op, string attribute, string sub, JsonNode? current, JsonNode? value)
    {
        if (current is JsonArray elements)
        {
            // A sub-attribute of a multi-valued attribute without a filter means that sub-attribute of every element.
            foreach (var element in elements.OfType<JsonObject>())
            {
                if (op == "remove")
                {
                    ScimJson.Remove(element, sub);
                }
                else
                {
                    ScimJson.Set(element, sub, value!.DeepClone());
                }
            }

            return;
        }

        if (op == "remove")
        {
            if (current is JsonObject existing)
            {
                ScimJson.Remove(existing, sub);
            }

            return;
        }

        var target = current as JsonObject;
        if (target is null)
        {
            target = new JsonObject();
            ScimJson.Set(container, attribute, target);
        }

        if (op == "add" && value is JsonArray many && ScimJson.Get(target, sub) is JsonArray existingValues)
        {
            Append(existingValues, many);
        }
        else
        {
            ScimJson.Set(target, sub, value!.DeepClone());
        }
    }

    /// <summary>Adds values to a multi-valued attribute; a value already present (same <c>value</c>, or equal) is not added twice.</summary>
    private static void Append(JsonArray elements, IEnumerable<JsonNode?> values)
    {
        foreach (var value in values.ToList())
        {
            if (value is not null && !elements.Any(e => SameElement(e, value)))
            {
                elements.Add(value.DeepClone());
            }
        }
    }

    private static bool SameElement(JsonNode? a, JsonNode? b)
    {
        if (a is JsonObject x && b is JsonObject y && ScimJson.Get(x, "value") is { } vx && ScimJson.Get(y, "value") is { } vy)
        {
            return string.Equals(ScimJson.Text(vx), ScimJson.Text(vy), StringComparison.OrdinalIgnoreCase);
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static void Merge(JsonObject target, JsonObject fields)
    {
        foreach (var (key, value) in fields.ToList())
        {
            ScimJson.Set(target, key, value?.DeepClone());
        }
    }
}
