using System.Globalization;
using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>Parses git-ai range lists (<c>1-4,9,12-20</c>) with per-token diagnostics; bad tokens are dropped.</summary>
internal static class LineRangeText
{
    /// <summary>
    /// Parses the range list starting at 0-based index <paramref name="start"/> of the whole note
    /// <paramref name="line"/>, so that columns are reported against the line.
    /// </summary>
    public static List<LineRange> Parse(string line, int start, int lineNumber, string source, List<Diagnostic> diagnostics)
    {
        var ranges = new List<LineRange>();
        var text = line[start..];
        if (text.TrimEnd().Any(char.IsWhiteSpace))
        {
            diagnostics.Add(Diagnostic.Warning(source, "line ranges must not contain spaces", lineNumber, start + 1));
        }

        var position = start;
        foreach (var token in text.Split(','))
        {
            var column = position + 1;
            position += token.Length + 1;
            var trimmed = string.Concat(token.Where(c => !char.IsWhiteSpace(c)));
            if (trimmed.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(source, "empty line range", lineNumber, column));
                continue;
            }

            var dash = trimmed.IndexOf('-', 1);
            var first = dash < 0 ? trimmed : trimmed[..dash];
            var last = dash < 0 ? trimmed : trimmed[(dash + 1)..];
            if (!TryLine(first, out var from) || !TryLine(last, out var to))
            {
                diagnostics.Add(Diagnostic.Error(source,
                    $"'{trimmed}' is not a line number or range of line numbers between 1 and {LineRange.MaxLineNumber}", lineNumber, column));
                continue;
            }

            if (to < from)
            {
                diagnostics.Add(Diagnostic.Error(source, $"line range '{trimmed}' ends before it starts", lineNumber, column));
                continue;
            }

            ranges.Add(new LineRange(from, to));
        }

        return ranges;
    }

    private static bool TryLine(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= LineRange.MaxLineNumber;
}
