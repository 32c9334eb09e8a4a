using Countersign.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>Stage one: YAML text to a syntax tree with positions. Nothing about the policy's meaning is checked here.</summary>
public static class PolicyParser
{
    /// <summary>Larger files are refused: a policy is written by people, and the parser must stay cheap on hostile input.</summary>
    public const int MaxLength = 1 << 20;

    public static ParsedPolicy Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return new(source, null, [Diagnostic.Error(source, $"the policy is {text.Length} characters; at most {MaxLength} are read")]);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            return new(source, null, [Diagnostic.Error(source, $"invalid YAML: {message}", (int)e.Start.Line, (int)e.Start.Column)]);
        }

        if (stream.Documents.Count == 0 || NodeReader.IsNull(stream.Documents[0].RootNode))
        {
            return new(source, null, [Diagnostic.Error(source, "the policy is empty; start with 'version: 1' and a list of rules (countersign init writes an example)", 1, 1)]);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            return new(source, null, [Diagnostic.Error(source, "a policy file holds one YAML document; found a second", (int)second.Start.Line, (int)second.Start.Column)]);
        }

        return new(source, stream.Documents[0].RootNode, []);
    }
}
