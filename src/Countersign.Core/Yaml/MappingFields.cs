using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Yaml;

/// <summary>
/// The keys of one mapping, read through its <see cref="ObjectType"/>: each accessor takes the key's type, allowed
/// words, bounds, pattern and default from the schema. Asking for a key the schema does not declare, or as another
/// type than it declares, is a bug and throws — so the compiler can only read what the schema publishes.
/// A key left out gives its schema default (or null); a key given but wrong gives null and an error.
/// </summary>
internal sealed class MappingFields(NodeReader reader, YamlMappingNode node, ObjectType type, string path, IReadOnlyDictionary<string, YamlNode> values)
{
    public YamlMappingNode Node => node;

    public string Field => path;

    public int Count => values.Count;

    /// <summary>The keys given (known to the schema, with a value), in the order they are written.</summary>
    public IEnumerable<string> Given => node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Where(values.ContainsKey);

    /// <summary>
    /// Reports each given key the schema knows but that is not among <paramref name="allowed"/> here (a marker's keys
    /// depend on its kind), with the closest allowed one; false when there was any.
    /// </summary>
    public bool Only(IReadOnlyList<string> allowed, string what)
    {
        var ok = true;
        foreach (var key in node.Children.Keys.OfType<YamlScalarNode>().Where(k => type.Find(k.Value ?? "") is not null && !allowed.Contains(k.Value)))
        {
            var name = key.Value ?? "";
            reader.Error(key, NodeReader.UnknownKey(name, allowed, $" for {what}"), Path(name));
            ok = false;
        }

        return ok;
    }

    public bool Has(string key)
    {
        _ = Property(key);
        return values.ContainsKey(key);
    }

    /// <summary>The node of the key itself (where a condition "is written"), or null when it was left out.</summary>
    public YamlNode? KeyNode(string key) => Value(key) is null ? null : node.Children.Keys.First(k => k is YamlScalarNode { Value: var v } && v == key);

    /// <summary>The value node of <paramref name="key"/>, or null when it was left out.</summary>
    public YamlNode? Value(string key)
    {
        _ = Property(key);
        return values.GetValueOrDefault(key);
    }

    public string Path(string key) => NodeReader.Join(path, key);

    /// <summary>The key's type, with references resolved.</summary>
    public T TypeOf<T>(string key) where T : SchemaType =>
        reader.Schema.Resolve(Property(key).Type) as T ?? throw new InvalidOperationException($"{reader.Schema.Title} schema: '{Path(key)}' is not a {typeof(T).Name}");

    public string? String(string key) =>
        values.TryGetValue(key, out var value) ? reader.String(value, TypeOf<StringType>(key), Path(key)) : (string?)Property(key).Default;

    public T? Word<T>(string key, Vocabulary<T> vocabulary) where T : struct =>
        String(key) is { } word ? vocabulary[word] : null;

    public double? Number(string key) =>
        values.TryGetValue(key, out var value) ? reader.Number(value, TypeOf<NumberType>(key), Path(key)) : Property(key).Default is { } d ? Convert.ToDouble(d, System.Globalization.CultureInfo.InvariantCulture) : null;

    public bool? Bool(string key)
    {
        _ = TypeOf<BooleanType>(key);
        return values.TryGetValue(key, out var value) ? reader.Bool(value, Path(key)) : (bool?)Property(key).Default;
    }

    /// <summary>A list of text values; <paramref name="allowed"/> narrows the words beyond the schema (levels of the org directory).</summary>
    public List<(string Value, YamlNode Node)>? Strings(string key, IReadOnlyList<string>? allowed = null) =>
        values.TryGetValue(key, out var value) ? reader.Strings(value, TypeOf<ArrayType>(key), Path(key), allowed) : null;

    /// <summary>
    /// The text items of a list (or of one value written without brackets), each with its node and field. Unlike
    /// <see cref="Strings"/>, a wrong item is reported and left out while the others still count; an empty item is
    /// skipped.
    /// </summary>
    public List<(string Value, YamlNode Node, string Field)> Texts(string key)
    {
        var items = Items(key) ?? [];
        var itemType = (StringType)reader.Schema.Resolve(TypeOf<ArrayType>(key).Items);
        var list = Value(key) is YamlSequenceNode;
        var result = new List<(string, YamlNode, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = list ? $"{Path(key)}[{i}]" : Path(key);
            if (!YamlScalars.IsNull(items[i]) && reader.String(items[i], itemType, field) is { } value)
            {
                result.Add((value, items[i], field));
            }
        }

        return result;
    }

    public List<T>? Words<T>(string key, Vocabulary<T> vocabulary) => Strings(key)?.Select(w => vocabulary[w.Value]).ToList();

    /// <summary>The items of a list of mappings (rules, freezes, conditions).</summary>
    public IReadOnlyList<YamlNode>? Items(string key) =>
        values.TryGetValue(key, out var value) ? reader.Sequence(value, TypeOf<ArrayType>(key), Path(key)) : null;

    /// <summary>A nested mapping, checked against its own type.</summary>
    public MappingFields? Mapping(string key) =>
        values.TryGetValue(key, out var value) ? reader.Mapping(value, TypeOf<ObjectType>(key), Path(key)) : null;

    private SchemaProperty Property(string key) =>
        type.Find(key) ?? throw new InvalidOperationException($"{reader.Schema.Title} schema: '{path}' ({type.Description}) has no key '{key}'");
}
