using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Yaml;

/// <summary>
/// Guards the readers that build a YAML tree: YamlDotNet loads nested collections recursively, so hostile input nested
/// deep enough overflows the stack — a crash no handler can catch. Scanning parser events first does not recurse.
/// </summary>
internal static class YamlNesting
{
    /// <summary>Deeper than any hand-written configuration; far below what exhausts a thread's stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Where nesting first passes <paramref name="maxDepth"/>, or null when it never does.</summary>
    /// <exception cref="YamlException">The text is not valid YAML (callers report it as they report load errors).</exception>
    public static Mark? FirstTooDeep(string text, int maxDepth = MaxDepth)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
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
        }
        catch (Exception e) when (IsYamlDotNetFailure(e))
        {
            throw Malformed(parser, e);
        }

        return null;
    }

    /// <summary>
    /// Loads <paramref name="text"/> into <paramref name="stream"/>. YamlDotNet throws <see cref="InvalidOperationException"/>
    /// or <see cref="ArgumentException"/> (not a <see cref="YamlException"/>) on some malformed input; those become a
    /// <see cref="YamlException"/> at the last event read, so callers report every syntax error the same way.
    /// </summary>
    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    public static void Load(YamlStream stream, string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (Exception e) when (IsYamlDotNetFailure(e))
        {
            throw Malformed(parser, e);
        }
    }

    private static bool IsYamlDotNetFailure(Exception e) => e is InvalidOperationException or ArgumentException && e.Source == "YamlDotNet";

    private static YamlException Malformed(Parser parser, Exception e)
    {
        // Not chained: callers show the inner message when there is one, and YamlDotNet's says nothing useful here.
        var near = parser.Current?.End ?? Mark.Empty;
        return new YamlException(near, near, $"malformed scalar, tag or collection after this point ({e.GetType().Name})");
    }
}
