using System.Text.Json;
using System.Text.Json.Nodes;

namespace Countersign.Core.Yaml.Schema;

/// <summary>Writes a tree of <see cref="SchemaType"/>s as a JSON Schema (draft 2020-12) document.</summary>
internal static class JsonSchemaWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(string id, string title, ObjectType root, IEnumerable<KeyValuePair<string, ObjectType>> definitions)
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = id,
            ["title"] = title,
        };
        foreach (var (key, value) in Emit(root).ToList())
        {
            schema[key] = value?.DeepClone();
        }

        var defs = new JsonObject();
        foreach (var (name, type) in definitions)
        {
            defs[name] = Emit(type);
        }

        schema["$defs"] = defs;
        return schema.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Emit(SchemaType type)
    {
        var node = new JsonObject();
        if (type.Description.Length > 0)
        {
            node["description"] = type.Description;
        }

        switch (type)
        {
            case ObjectType o:
                node["type"] = "object";
                var properties = new JsonObject();
                foreach (var property in o.Properties)
                {
                    properties[property.Key] = Property(property);
                }

                node["properties"] = properties;
                node["additionalProperties"] = false;
                if (o.Properties.Where(p => p.Required).Select(p => (JsonNode)p.Key).ToArray() is { Length: > 0 } required)
                {
                    node["required"] = new JsonArray(required);
                }

                if (o.NotEmpty)
                {
                    node["minProperties"] = 1;
                }

                if (o.AtLeastOneOf is { } oneOf)
                {
                    node["anyOf"] = new JsonArray([.. oneOf.Select(k => (JsonNode)new JsonObject { ["required"] = new JsonArray(k) })]);
                }

                if (o.StandsAlone.Count > 0)
                {
                    var alone = new JsonObject();
                    foreach (var key in o.StandsAlone)
                    {
                        alone[key] = new JsonObject { ["maxProperties"] = 1 };
                    }

                    node["dependentSchemas"] = alone;
                }

                break;
            case ArrayType a:
                node["type"] = "array";
                node["items"] = Emit(a.Items);
                if (a.MinItems > 0)
                {
                    node["minItems"] = a.MinItems;
                }

                if (a.OrSingle)
                {
                    var list = new JsonObject { ["type"] = "array", ["items"] = node["items"]!.DeepClone() };
                    if (a.MinItems > 0)
                    {
                        list["minItems"] = a.MinItems;
                    }

                    node.Remove("type");
                    node.Remove("items");
                    node.Remove("minItems");
                    node["anyOf"] = new JsonArray(Emit(a.Items), list);
                }

                break;
            case StringType s:
                node["type"] = "string";
                if (s.Allowed is { } allowed)
                {
                    node["enum"] = new JsonArray([.. allowed.Select(v => (JsonNode)v)]);
                }

                if (s.Pattern is { } pattern)
                {
                    node["pattern"] = pattern;
                }

                if (s.Format is { } format)
                {
                    node["format"] = format;
                }

                break;
            case NumberType n:
                node["type"] = n.Integer ? "integer" : "number";
                if (n.Minimum is { } minimum)
                {
                    node["minimum"] = minimum;
                }

                if (n.Maximum is { } maximum)
                {
                    node["maximum"] = maximum;
                }

                break;
            case BooleanType:
                node["type"] = "boolean";
                break;
            case RefType r:
                node["$ref"] = $"#/$defs/{r.Name}";
                break;
        }

        return node;
    }

    /// <summary>A property's type with its default; an empty value allowed where the compiler reads it as "left out".</summary>
    private static JsonObject Property(SchemaProperty property)
    {
        var node = Emit(property.Type);
        if (property.Default is { } value)
        {
            node["default"] = JsonSerializer.SerializeToNode(value);
        }

        if (!property.Nullable)
        {
            return node;
        }

        if (node["type"] is JsonValue single)
        {
            node["type"] = new JsonArray(single.GetValue<string>(), "null");
            return node;
        }

        if (node["anyOf"] is JsonArray choices)
        {
            choices.Add(new JsonObject { ["type"] = "null" });
            return node;
        }

        var reference = node["$ref"]!.GetValue<string>();
        node.Remove("$ref");
        node["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = reference }, new JsonObject { ["type"] = "null" });
        return node;
    }
}
