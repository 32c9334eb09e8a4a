using System.Globalization;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Testing;

/// <summary>
/// Typed access to the YAML nodes of a policy test file, on the shared YAML kit (<see cref="YamlDocumentLoader"/>,
/// <see cref="NodeReader.UnknownKey"/>, <see cref="YamlScalars"/>). Every problem becomes an error with the file, line
/// and column of the offending node and the case it belongs to; a bad value reads as absent so the rest of the file is
/// still checked. Fixture values are read leniently (a quoted number is a number) because they stand for facts, not
/// configuration an editor validates.
/// </summary>
internal sealed class FixtureNodes(string source)
{
    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>The name of the case being read, prefixed to every message ("case 'x': …"); null outside a case.</summary>
    public string? Case { get; set; }

    public void Error(YamlNode node, string field, string message) =>
        Diagnostics.Add(Diagnostic.Error(source, $"{(Case is null ? "" : $"case '{Case}': ")}{field}: {message}", (int)node.Start.Line, (int)node.Start.Column));

    /// <summary>The node as a mapping whose keys are all in <paramref name="allowed"/> (others reported); null when it is not one.</summary>
    public YamlMappingNode? Mapping(YamlNode? node, string field, IReadOnlyList<string> allowed)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, field, $"expected a mapping with {string.Join(", ", allowed)}");
            return null;
        }

        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(key, $"{field}.{name}", NodeReader.UnknownKey(name, allowed));
            }
        }

        return map;
    }

    public static YamlNode? Get(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    /// <summary>The items of a list (a lone scalar counts as a one-item list), with their field names.</summary>
    public IEnumerable<(YamlNode Node, string Field)> Items(YamlNode? node, string field)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return sequence.Children.Select((child, i) => (child, $"{field}[{i}]"));
            case YamlScalarNode:
                return [(node, field)];
            default:
                Error(node, field, "expected a list");
                return [];
        }
    }

    public string? String(YamlNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } value })
        {
            return value.Trim();
        }

        Error(node, field, "expected a single value");
        return null;
    }

    public List<(string Value, YamlNode Node)> Strings(YamlNode? node, string field) =>
        Items(node, field).Select(i => (Value: String(i.Node, i.Field), i.Node)).Where(x => x.Value is not null).Select(x => (x.Value!, x.Node)).ToList();

    public double? Number(YamlNode? node, string field, double min = double.MinValue, double max = double.MaxValue)
    {
        if (String(node, field) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            Error(node!, field, $"expected a number{Bounds(min, max)}, found '{text}'");
            return null;
        }

        return value;
    }

    public int? Whole(YamlNode? node, string field, int min = int.MinValue)
    {
        if (String(node, field) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            Error(node!, field, $"expected a whole number{(min == int.MinValue ? "" : $" of at least {min}")}, found '{text}'");
            return null;
        }

        return value;
    }

    public bool? Flag(YamlNode? node, string field)
    {
        switch (String(node, field))
        {
            case null:
                return null;
            case "true" or "True" or "yes":
                return true;
            case "false" or "False" or "no":
                return false;
            case var other:
                Error(node!, field, $"expected true or false, found '{other}'");
                return null;
        }
    }

    public DateTimeOffset? Time(YamlNode? node, string field)
    {
        if (String(node, field) is not { } text)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            Error(node!, field, $"expected a time like 2026-11-26T10:00:00Z, found '{text}'");
            return null;
        }

        return value;
    }

    /// <summary>One of the allowed words (as written in the policy: <c>ai</c>, <c>multi-service</c>…), or null (reported).</summary>
    public T? Word<T>(YamlNode? node, string field, IReadOnlyDictionary<string, T> allowed)
        where T : struct
    {
        if (String(node, field) is not { } text)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(node!, field, $"'{text}' is not one of {string.Join(", ", allowed.Keys)}{Spelling.DidYouMean(text, allowed.Keys)}");
        return null;
    }

    public static bool IsNull(YamlNode node) =>
        YamlScalars.IsNull(node) || node is YamlScalarNode { Value: var value } && string.IsNullOrWhiteSpace(value);

    private static string Bounds(double min, double max) => (min, max) switch
    {
        (double.MinValue, double.MaxValue) => "",
        (_, double.MaxValue) => $" of at least {min.ToString(CultureInfo.InvariantCulture)}",
        _ => $" from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}",
    };
}
