using Countersign.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Yaml;

/// <summary>
/// Stage one of every YAML reader (policy, org directory, tool signatures, policy fixtures): text to one document's
/// tree with positions, safe on hostile input. The text, the nesting depth and the size after expanding aliases are
/// bounded, and every syntax error (a duplicate key included) becomes one diagnostic with file, line and column —
/// never an exception. The readers then read the tree through <see cref="NodeReader"/>.
/// </summary>
internal static class YamlDocumentLoader
{
    /// <summary>Longer texts are refused: these files are written by people.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>More values than this after expanding aliases is refused (a few anchors can otherwise stand for billions).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>
    /// The root of the only document in <paramref name="text"/>; null when the file is empty (nothing reported) or
    /// could not be read (reported to <paramref name="diagnostics"/>).
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">How diagnostics name the file.</param>
    /// <param name="what">What the file is, for messages: "the policy", "the org directory".</param>
    /// <param name="diagnostics">Where problems are reported.</param>
    public static YamlNode? Load(string text, string source, string what, List<Diagnostic> diagnostics)
    {
        if (text.Length > MaxLength)
        {
            diagnostics.Add(Diagnostic.Error(source, $"{what} is {text.Length} characters long; at most {MaxLength} are read", 1, 1));
            return null;
        }

        var stream = new YamlStream();
        try
        {
            if (YamlNesting.FirstTooDeep(text) is { } deep)
            {
                diagnostics.Add(Diagnostic.Error(source, $"YAML nested more than {YamlNesting.MaxDepth} levels deep", (int)deep.Line, (int)deep.Column));
                return null;
            }

            YamlNesting.Load(stream, text);
        }
        catch (Exception e) when (YamlErrors.IsMalformed(e))
        {
            var (line, column) = YamlErrors.Position(e, text);
            diagnostics.Add(Diagnostic.Error(source, $"invalid YAML: {YamlErrors.Message(e)}", line, column));
            return null;
        }

        if (stream.Documents.Count == 0 || YamlScalars.IsNull(stream.Documents[0].RootNode))
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            diagnostics.Add(Diagnostic.Error(source, $"{what} holds one YAML document; found a second", (int)second.Start.Line, (int)second.Start.Column));
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (ExpandedSize(root, new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance), 0) > MaxExpandedNodes)
        {
            diagnostics.Add(Diagnostic.Error(source, $"once its YAML aliases (*name) are expanded, {what} holds more than {MaxExpandedNodes} values or nests more than {YamlNesting.MaxDepth} levels deep", (int)root.Start.Line, (int)root.Start.Column));
            return null;
        }

        return root;
    }

    /// <summary>
    /// The number of nodes with aliases expanded, saturating past the limit (also when aliases nest deeper than
    /// <see cref="YamlNesting.MaxDepth"/>); shared nodes are measured once.
    /// </summary>
    private static long ExpandedSize(YamlNode node, Dictionary<YamlNode, long> sizes, int depth)
    {
        if (sizes.TryGetValue(node, out var known))
        {
            return known;
        }

        if (depth > YamlNesting.MaxDepth)
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
}
