using System.Globalization;
using System.Text.RegularExpressions;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Text;
using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Yaml;

/// <summary>
/// Reads values out of one file's YAML nodes as its <see cref="DocumentSchema"/> describes them, reporting every
/// problem as a diagnostic with the file, line, column, field path, the offending value and what is allowed (the
/// closest allowed key or word for a misspelt one). Returns null for a value it could not read;
/// <see cref="ErrorCount"/> lets a caller tell "nothing given" from "given but wrong". Every YAML reader of
/// Countersign reads through one of these, so the same mistake gets the same message in every file.
/// </summary>
internal sealed class NodeReader(DocumentSchema schema, string source, List<Diagnostic> diagnostics)
{
    public string Source => source;

    public DocumentSchema Schema => schema;

    /// <summary>Errors reported through this reader so far.</summary>
    public int ErrorCount { get; private set; }

    public SourceSpan Span(YamlNode node) => new(source, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message, string field)
    {
        ErrorCount++;
        diagnostics.Add(Diagnostic.Error(source, message, (int)node.Start.Line, (int)node.Start.Column, field));
    }

    public void Warning(YamlNode node, string message, string field) =>
        diagnostics.Add(Diagnostic.Warning(source, message, (int)node.Start.Line, (int)node.Start.Column, field));

    /// <summary>The keys of a mapping checked against <paramref name="type"/>: unknown keys, missing required ones and the type's key rules are errors.</summary>
    public MappingFields? Mapping(YamlNode node, ObjectType type, string field)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"expected a mapping with keys {string.Join(", ", type.Keys)}, found {Describe(node)}", field);
            return null;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } text } ? text : "";
            if (type.Find(key) is not { } property)
            {
                Error(keyNode, UnknownKey(key, [.. type.Keys]), Join(field, key));
            }
            else if (!(property.Nullable && YamlScalars.IsNull(value)))
            {
                values[key] = value;
            }
        }

        foreach (var required in type.Properties.Where(p => p.Required && !values.ContainsKey(p.Key)))
        {
            Error(node, $"'{required.Key}' is required here", Join(field, required.Key));
        }

        if (type.NotEmpty && mapping.Children.Count == 0)
        {
            Error(node, $"empty mapping: give at least one of {string.Join(", ", type.Keys)}", field);
        }

        if (type.AtLeastOneOf is { } oneOf && !oneOf.Any(values.ContainsKey))
        {
            Error(node, $"give at least one of {string.Join(", ", oneOf)}", field);
        }

        foreach (var alone in type.StandsAlone.Where(k => values.ContainsKey(k) && values.Count > 1))
        {
            var others = values.Keys.Where(k => k != alone);
            Error(node, $"'{alone}' stands alone: move {string.Join(", ", others)} into its options", field);
        }

        return new MappingFields(this, mapping, type, field, values);
    }

    /// <summary>The items of a list, or null (with an error) when the node is not a list or has too few items.</summary>
    public IReadOnlyList<YamlNode>? Sequence(YamlNode node, ArrayType type, string field)
    {
        if (type.OrSingle && node is YamlScalarNode && !YamlScalars.IsNull(node))
        {
            return [node];
        }

        if (node is not YamlSequenceNode sequence)
        {
            var hint = node is YamlScalarNode { Value: { Length: > 0 } text } && !YamlScalars.IsNull(node) ? $" (write [{UntrustedText.Bound(text, NodeReader.MaxShown)}])" : "";
            Error(node, $"expected a list, found {Describe(node)}{hint}", field);
            return null;
        }

        if (sequence.Children.Count < type.MinItems)
        {
            Error(node, $"empty list: give at least {type.MinItems} (or leave the key out)", field);
            return null;
        }

        return [.. sequence.Children];
    }

    /// <summary>A list of text values; <paramref name="allowed"/> narrows them beyond the schema (levels of the org directory).</summary>
    public List<(string Value, YamlNode Node)>? Strings(YamlNode node, ArrayType type, string field, IReadOnlyList<string>? allowed = null)
    {
        if (Sequence(node, type, field) is not { } items)
        {
            return null;
        }

        var itemType = (StringType)schema.Resolve(type.Items);
        var result = new List<(string, YamlNode)>();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            if (String(items[i], itemType, $"{field}[{i}]", allowed) is { } value)
            {
                result.Add((value, items[i]));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? result : null;
    }

    public string? String(YamlNode node, StringType type, string field, IReadOnlyList<string>? allowed = null)
    {
        allowed ??= type.Allowed;
        if (node is not YamlScalarNode scalar || YamlScalars.Kind(scalar) != ScalarKind.String)
        {
            var quote = node is YamlScalarNode s && YamlScalars.Kind(s) is not ScalarKind.Null ? $" (quote it if it is meant as text: \"{UntrustedText.Bound(s.Value ?? "", NodeReader.MaxShown)}\")" : "";
            Error(node, $"expected {(allowed is null ? "a text value" : $"one of {string.Join(", ", allowed)}")}, found {Describe(node)}{(allowed is null ? quote : "")}", field);
            return null;
        }

        var value = scalar.Value ?? "";
        if (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Error(node, $"'{UntrustedText.Bound(value, NodeReader.MaxShown)}' is not allowed here{Spelling.DidYouMean(value, allowed)}; allowed: {string.Join(", ", allowed)}", field);
            return null;
        }

        if (type.Pattern is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            Error(node, $"'{UntrustedText.Bound(value, NodeReader.MaxShown)}' {type.Hint ?? $"does not match {pattern}"}", field);
            return null;
        }

        return value;
    }

    public double? Number(YamlNode node, NumberType type, string field)
    {
        var value = node is YamlScalarNode scalar ? YamlScalars.Number(scalar) : null;
        var isInteger = node is YamlScalarNode s && YamlScalars.Kind(s) == ScalarKind.Integer;
        if (value is not { } number || !double.IsFinite(number) || (type.Integer && (!isInteger || Math.Floor(number) != number)))
        {
            Error(node, $"expected {(type.Integer ? "a whole number" : "a number")}, found {Describe(node)}", field);
            return null;
        }

        if ((type.Minimum is { } min && number < min) || (type.Maximum is { } max && number > max))
        {
            Error(node, $"{Format(number)} is out of range: {Allowed(type, number)}", field);
            return null;
        }

        return number;
    }

    public bool? Bool(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && YamlScalars.Kind(scalar) == ScalarKind.Boolean)
        {
            return scalar.Value!.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        Error(node, $"expected true or false, found {Describe(node)}", field);
        return null;
    }

    /// <summary>The one message for a key that is not allowed where it is written: the closest allowed key, then all of them.</summary>
    public static string UnknownKey(string key, IReadOnlyList<string> allowed, string where = "") =>
        $"unknown key '{UntrustedText.Bound(key, NodeReader.MaxShown)}'{where}{Spelling.DidYouMean(key, allowed)}; allowed: {string.Join(", ", allowed)}";

    public static string Join(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => YamlScalars.Kind(s) switch
        {
            ScalarKind.Null => "nothing",
            ScalarKind.Integer or ScalarKind.Float => $"the number {UntrustedText.Bound(s.Value ?? "", NodeReader.MaxShown)}",
            ScalarKind.Boolean => UntrustedText.Bound(s.Value ?? "", NodeReader.MaxShown),
            _ => $"'{UntrustedText.Bound(s.Value ?? "", NodeReader.MaxShown)}'",
        },
        _ => "an alias",
    };

    /// <summary>How much of a value a message quotes (<see cref="UntrustedText.Bound"/>).</summary>
    public const int MaxShown = 60;

    private static string Allowed(NumberType type, double number) => (type.Minimum, type.Maximum) switch
    {
        // The implicit bound of every whole number: name it only to whoever passed it.
        (var min, int.MaxValue) when number <= int.MaxValue => min is { } m ? $"must be at least {Format(m)}" : "any number",
        (_, int.MaxValue) => $"must be at most {int.MaxValue} (the largest whole number a field holds)",
        ({ } min, { } max) when min == max => $"must be {Format(min)}",
        ({ } min, { } max) => $"allowed {Format(min)} to {Format(max)}",
        ({ } min, null) => $"must be at least {Format(min)}",
        (null, { } max) => $"must be at most {Format(max)}",
        _ => "any number",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
