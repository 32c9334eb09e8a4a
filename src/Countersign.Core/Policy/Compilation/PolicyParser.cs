using Countersign.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Stage one: YAML text to a syntax tree with positions. Nothing about the policy's meaning is checked here, but the
/// parser stays safe on hostile input — the policy runs inside CI jobs and the git server's pre-receive hook, where
/// a crash or a hang would block every push: the text, the nesting depth and the size after expanding YAML aliases
/// are bounded, each with an error that says so.
/// </summary>
public static class PolicyParser
{
    /// <summary>Longer texts are refused: a policy is written by people.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Deeper nesting of YAML mappings and lists is refused (building the tree recurses once per level).</summary>
    public const int MaxNesting = 256;

    /// <summary>More values than this after expanding aliases is refused (a few anchors can otherwise stand for billions).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Parses one policy file; the result has a syntax tree, or (only) the error that prevented one.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">How diagnostics name the file (<c>main:.countersign/policy.yaml</c>).</param>
    public static ParsedPolicy Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        if (text.Length > MaxLength)
        {
            return Failed(source, $"the policy is {text.Length} characters long; at most {MaxLength} are read", 1, 1);
        }

        var stream = new YamlStream();
        try
        {
            if (Yaml.YamlNesting.FirstTooDeep(text, MaxNesting) is { } deep)
            {
                return Failed(source, $"YAML nested more than {MaxNesting} levels deep", (int)deep.Line, (int)deep.Column);
            }

            Yaml.YamlNesting.Load(stream, text);
        }
        catch (Exception e) when (Yaml.YamlErrors.IsMalformed(e))
        {
            var (line, column) = Yaml.YamlErrors.Position(e, text);
            return Failed(source, $"invalid YAML: {Yaml.YamlErrors.Message(e)}", line, column);
        }

        if (stream.Documents.Count == 0 || YamlScalars.IsNull(stream.Documents[0].RootNode))
        {
            return Failed(source, "the policy is empty; start with 'version: 1' and a list of rules (countersign init writes an example)", 1, 1);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            return Failed(source, "a policy file holds one YAML document; found a second", (int)second.Start.Line, (int)second.Start.Column);
        }

        var root = stream.Documents[0].RootNode;
        if (ExpandedSize(root, new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance), 0) > MaxExpandedNodes)
        {
            return Failed(source, $"once its YAML aliases (*name) are expanded, the policy holds more than {MaxExpandedNodes} values or nests more than {MaxNesting} levels deep", (int)root.Start.Line, (int)root.Start.Column);
        }

        return new ParsedPolicy(source, root, []);
    }

    /// <summary>
    /// The number of nodes with aliases expanded, saturating past the limit (also when aliases nest deeper than
    /// <see cref="MaxNesting"/>); shared nodes are measured once.
    /// </summary>
    private static long ExpandedSize(YamlNode node, Dictionary<YamlNode, long> sizes, int depth)
    {
        if (sizes.TryGetValue(node, out var known))
        {
            return known;
        }

        if (depth > MaxNesting)
        {
            return MaxExpandedNodes + 1;
        }

        sizes[node] = 1; // a node that contains itself through an alias counts once for itself
        var children = node switch
        {
            YamlMappingNode m => m.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
            YamlSequenceNode s => s.Children,
            _ => [],
        };
        var size = 1L;
        foreach (var child in children)
        {
            size = Math.Min(size + ExpandedSize(child, sizes, depth + 1), MaxExpandedNodes + 1);
        }

        sizes[node] = size;
        return size;
    }

    private static ParsedPolicy Failed(string source, string message, int line, int column) =>
        new(source, null, [Diagnostic.Error(source, message, line, column)]);
}
