using Countersign.Core.Diagnostics;
using Countersign.Core.Yaml;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Stage one: YAML text to a syntax tree with positions. Nothing about the policy's meaning is checked here, but the
/// parser stays safe on hostile input — the policy runs inside CI jobs and the git server's pre-receive hook, where
/// a crash or a hang would block every push: the text, the nesting depth and the size after expanding YAML aliases
/// are bounded by <see cref="YamlDocumentLoader"/>, each with an error that says so.
/// </summary>
internal static class PolicyParser
{
    /// <summary>Longer texts are refused: a policy is written by people.</summary>
    public const int MaxLength = YamlDocumentLoader.MaxLength;

    /// <summary>Deeper nesting of YAML mappings and lists is refused (building the tree recurses once per level).</summary>
    public const int MaxNesting = YamlNesting.MaxDepth;

    /// <summary>More values than this after expanding aliases is refused (a few anchors can otherwise stand for billions).</summary>
    public const long MaxExpandedNodes = YamlDocumentLoader.MaxExpandedNodes;

    /// <summary>Parses one policy file; the result has a syntax tree, or (only) the error that prevented one.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">How diagnostics name the file (<c>main:.countersign/policy.yaml</c>).</param>
    public static ParsedPolicy Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var root = YamlDocumentLoader.Load(text, source, "the policy", diagnostics);
        if (root is null && diagnostics.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(source, "the policy is empty; start with 'version: 1' and a list of rules (countersign init writes an example)", 1, 1));
        }

        return new ParsedPolicy(source, root, diagnostics);
    }
}
