using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Countersign.Core.Yaml;

/// <summary>
/// Guards the readers that build a YAML tree: YamlDotNet loads nested collections recursively, so hostile input nested
/// deep enough overflows the stack — a crash no handler can catch. Scanning parser events first does not recurse.
/// </summary>
public static class YamlNesting
{
    /// <summary>Deeper than any hand-written configuration; far below what exhausts a thread's stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Where nesting first passes <paramref name="maxDepth"/>, or null when it never does.</summary>
    /// <exception cref="YamlException">The text is not valid YAML (callers report it as they report load errors).</exception>
    public static Mark? FirstTooDeep(string text, int maxDepth = MaxDepth)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > maxDepth:
                    return parser.Current.Start;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }
}
