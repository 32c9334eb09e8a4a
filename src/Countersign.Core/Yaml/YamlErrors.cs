using YamlDotNet.Core;

namespace Countersign.Core.Yaml;

/// <summary>
/// One reading of YamlDotNet's failures for every reader of a trusted YAML file (policy, org directory, catalog,
/// signatures, policy fixtures): whether the input is malformed, what is wrong in one line, and where (1-based line and
/// column). Its marks are not always where the mistake is: for a tab that breaks indentation it points at the start of
/// the value before it (a tab at 16:1 reported at 15:11) or at 1:1, and on some malformed flow collections it throws an
/// <see cref="InvalidOperationException"/> with no mark at all.
/// </summary>
internal static class YamlErrors
{
    /// <summary>True when <paramref name="failure"/> is YamlDotNet refusing malformed input (not a bug of ours).</summary>
    public static bool IsMalformed(Exception failure) =>
        failure is YamlException or EndOfStreamException // every reader reads a string: the event stream ended early
        || (failure is InvalidOperationException or ArgumentException && failure.Source == "YamlDotNet");

    /// <summary>What is wrong, in one line, for "invalid YAML: …".</summary>
    public static string Message(Exception failure) => failure switch
    {
        YamlException e => (e.InnerException?.Message ?? e.Message).Split('\n')[0],
        ArgumentException => "a malformed tag or value",
        _ => "a value or a [ … ] / { … } collection is not closed where it should be",
    };

    /// <summary>Where the mistake is in <paramref name="text"/>.</summary>
    public static (int Line, int Column) Position(Exception failure, string text)
    {
        if (failure is YamlException e)
        {
            if (Message(failure).Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text, (int)e.Start.Line) is { } tab)
            {
                return tab;
            }

            return ((int)e.Start.Line, (int)e.Start.Column);
        }

        return LastReadable(text);
    }

    /// <summary>The first tab in a line's indentation at or after <paramref name="fromLine"/>: what "tab … indentation" errors are about.</summary>
    private static (int Line, int Column)? FirstIndentingTab(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] == '\t')
                {
                    return (i + 1, c + 1);
                }
            }
        }

        return null;
    }

    /// <summary>The end of the last event YamlDotNet could read: the nearest known place to a failure it gave no mark for.</summary>
    private static (int Line, int Column) LastReadable(string text)
    {
        var parser = new Parser(new StringReader(text));
        Mark? last = null;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current?.End;
            }
        }
        catch (Exception e) when (IsMalformed(e))
        {
            // Expected: the same failure again; the last good event is the answer.
        }

        return last is { } mark ? ((int)mark.Line, (int)mark.Column) : (1, 1);
    }
}
