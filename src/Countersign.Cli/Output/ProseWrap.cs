using System.Text;

namespace Countersign.Cli.Output;

/// <summary>Word-wraps plain prose to a width, continuation lines under the first one's indentation. Words longer than a line stay whole.</summary>
internal static class ProseWrap
{
    public static IReadOnlyList<string> Lines(string text, int width, int indent = 0)
    {
        var prefix = new string(' ', indent);
        var lines = new List<string>();
        var line = new StringBuilder(prefix);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > prefix.Length && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(prefix);
            }

            if (line.Length > prefix.Length)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        lines.Add(line.Length > prefix.Length || lines.Count == 0 ? line.ToString().TrimEnd() : "");
        return lines;
    }
}
