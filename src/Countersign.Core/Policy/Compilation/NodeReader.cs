using System.Globalization;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Reads typed values out of YAML nodes for the compiler, reporting every problem as a diagnostic with the file,
/// line, column, field path, the offending value and what is allowed. Returns null for a value it could not read.
/// </summary>
internal sealed class NodeReader(string source, List<Diagnostic> diagnostics)
{
    public string Source => source;

    public int ErrorCount => diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    public SourceSpan Span(YamlNode node) => new(source, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message, string field) =>
        diagnostics.Add(Diagnostic.Error(source, message, (int)node.Start.Line, (int)node.Start.Column, field));

    public void Warning(YamlNode node, string message, string field) =>
        diagnostics.Add(Diagnostic.Warning(source, message, (int)node.Start.Line, (int)node.Start.Column, field));

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) };

    /// <summary>The keys of a mapping checked against <paramref name="type"/>: unknown keys and missing required ones are errors.</summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode node, ObjectType type, string field)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"expected a mapping with keys {string.Join(", ", type.Keys)}, found {Describe(node)}", field);
            return null;
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!type.Keys.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, $"unknown key '{Bound(key)}'{Spelling.DidYouMean(key, type.Keys)}; allowed: {string.Join(", ", type.Keys)}", Join(field, key));
            }
            else if (!result.TryAdd(key, value))
            {
                Error(keyNode, $"key '{key}' is given twice", Join(field, key));
            }
        }

        foreach (var required in type.Properties.Where(p => p.Required && !result.ContainsKey(p.Key)))
        {
            Error(node, $"'{required.Key}' is required here", Join(field, required.Key));
        }

        if (type.MinProperties is { } min && result.Count < min && mapping.Children.Count == 0)
        {
            Error(node, $"empty mapping: give at least one of {string.Join(", ", type.Keys)}", field);
        }

        return result;
    }

    public string? String(YamlNode node, string field, IReadOnlyList<string>? allowed = null)
    {
        if (node is not YamlScalarNode scalar || IsNull(node))
        {
            Error(node, $"expected a text value{(allowed is null ? "" : $" (one of {string.Join(", ", allowed)})")}, found {Describe(node)}", field);
            return null;
        }

        var value = scalar.Value!;
        if (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Error(node, $"'{Bound(value)}' is not allowed here{Spelling.DidYouMean(value, allowed)}; allowed: {string.Join(", ", allowed)}", field);
            return null;
        }

        return value;
    }

    public List<(string Value, YamlNode Node)>? Strings(YamlNode node, string field, IReadOnlyList<string>? allowed = null)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"expected a list, found {Describe(node)} (write [{(node is YamlScalarNode s ? Bound(s.Value ?? "") : "…")}])", field);
            return null;
        }

        var result = new List<(string, YamlNode)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (String(sequence.Children[i], $"{field}[{i}]", allowed) is { } value)
            {
                result.Add((value, sequence.Children[i]));
            }
        }

        return result;
    }

    public double? Number(YamlNode node, string field, double? minimum = null, double? maximum = null, bool integer = false)
    {
        var text = (node as YamlScalarNode)?.Value;
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
        if (!ok || (integer && Math.Floor(value) != value))
        {
            Error(node, $"expected {(integer ? "a whole number" : "a number")}, found {Describe(node)}", field);
            return null;
        }

        if ((minimum is { } min && value < min) || (maximum is { } max && value > max))
        {
            Error(node, $"{text} is out of range: allowed {minimum?.ToString(CultureInfo.InvariantCulture) ?? "…"} to {maximum?.ToString(CultureInfo.InvariantCulture) ?? "…"}", field);
            return null;
        }

        return value;
    }

    public bool? Bool(YamlNode node, string field)
    {
        var text = (node as YamlScalarNode)?.Value;
        if (text is "true" or "false")
        {
            return text == "true";
        }

        Error(node, $"expected true or false, found {Describe(node)}", field);
        return null;
    }

    public static string Join(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{Bound(s.Value ?? "")}'",
        _ => "an alias",
    };

    public static string Bound(string value) => value.Length <= 60 ? value : value[..59] + "…";
}
