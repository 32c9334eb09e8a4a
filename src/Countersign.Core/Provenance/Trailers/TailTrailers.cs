namespace Countersign.Core.Provenance.Trailers;

/// <summary>
/// Trailer-shaped lines at the very end of a message that git's strict rules do not count, but that real AI commits
/// carry (measured on getsentry/sentry-javascript and bootc-dev/bootc):
/// <list type="bullet">
/// <item>the last paragraph mixes text and trailers, so it is no trailer block:
/// <c>Fixes GH-19874⏎Co-Authored-By: Claude &lt;noreply@anthropic.com&gt;</c>;</item>
/// <item>an all-trailer paragraph sits right before the final one, which is a trailer block
/// (<c>Assisted-by: AI⏎⏎Signed-off-by: …</c>) or a tool-added tail line
/// (<c>Agent transcript: https://…</c>, <c>Closes #19683 (added automatically)</c>).</item>
/// </list>
/// Nothing further up counts: a squash body quoting another commit's trailers in the middle stays text.
/// The classifier gives this evidence lower confidence than the final trailer block.
/// </summary>
internal static class TailTrailers
{
    private static readonly string[] IssueVerbs = ["closes", "fixes", "refs", "resolves", "related", "see", "part of", "fixed"];

    /// <summary>The extra trailers, or null (the common case, allocation-free) when there are none.</summary>
    public static List<Trailer>? Find(string message, int blockStart, int blockEnd)
    {
        var text = message.AsSpan();
        var titleEnd = text.IndexOf('\n');
        if (titleEnd < 0)
        {
            return null;
        }

        var hasBlock = blockStart < blockEnd;
        var end = hasBlock ? blockStart : text.TrimEnd().Length;
        var (lastStart, lastEnd) = hasBlock ? (blockStart, blockEnd) : PreviousParagraph(text, end);
        if (lastStart <= titleEnd)
        {
            return null;
        }

        List<Trailer>? found = null;
        if (!hasBlock)
        {
            AddTrailerLines(message, lastStart, lastEnd, ref found);
        }

        var (prevStart, prevEnd) = PreviousParagraph(text, lastStart);
        var tailIsTrailerLike = hasBlock || AllLines(text, lastStart, lastEnd, IsTailLine);
        if (prevStart > titleEnd && tailIsTrailerLike && AllLines(text, prevStart, prevEnd, IsTrailerOrContinuation))
        {
            AddTrailerLines(message, prevStart, prevEnd, ref found);
        }

        return found;
    }

    /// <summary>Real trailer paragraphs are short; longer ones are text (and would cost time on huge messages).</summary>
    private const int MaxParagraphLines = 50;

    private static void AddTrailerLines(string message, int start, int end, ref List<Trailer>? found)
    {
        // Precision first: a paragraph that is in, opens or closes a fenced code block is never read for trailers.
        var text = message.AsSpan();
        if (!HasTrailerLine(text, start, end) || text[start..end].Count('\n') >= MaxParagraphLines
            || text[start..end].IndexOf("```", StringComparison.Ordinal) >= 0 || text[start..end].IndexOf("~~~", StringComparison.Ordinal) >= 0
            || Signatures.MessageText.IsInsideFence(text, start))
        {
            return;
        }

        // Reuse git's own parsing of a block (continuations, trimming, unfolding) on just these lines.
        (found ??= []).AddRange(TrailerParser.ParseBlock(message, start, end));
    }

    private static bool HasTrailerLine(ReadOnlySpan<char> text, int start, int end)
    {
        for (var bol = start; bol < end; bol = NextLine(text, bol, end))
        {
            if (!TrailerParser.IsGitSpace(text[bol]) && TrailerParser.FindSeparator(text[bol..end]) >= 1)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTrailerOrContinuation(ReadOnlySpan<char> line) =>
        TrailerParser.IsGitSpace(line[0]) || TrailerParser.FindSeparator(line) >= 1;

    /// <summary>A tool-added tail line: <c>Words: value</c> (key may contain spaces) or an issue reference.</summary>
    internal static bool IsTailLine(ReadOnlySpan<char> line)
    {
        var trimmed = SkipLeadingSymbols(line.Trim());
        var colon = trimmed.IndexOf(": ", StringComparison.Ordinal);
        if (colon is > 0 and <= 40 && char.IsAsciiLetter(trimmed[0]) && !trimmed[..colon].ContainsAnyExcept(Keyish))
        {
            return true;
        }

        foreach (var verb in IssueVerbs)
        {
            if (trimmed.StartsWith(verb, StringComparison.OrdinalIgnoreCase) && trimmed.Length > verb.Length + 1
                && trimmed[verb.Length] is ' ' or ':' && trimmed[(verb.Length + 1)..].TrimStart().IndexOfAny('#', '/', '-') >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tools decorate tail lines with emoji ("🔮 View transcript: …"); the key starts after them.</summary>
    private static ReadOnlySpan<char> SkipLeadingSymbols(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && (char.IsSurrogate(line[i]) || char.IsWhiteSpace(line[i]) || line[i] == '\uFE0F'
            || char.GetUnicodeCategory(line[i]) is System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.NonSpacingMark))
        {
            i++;
        }

        return line[i..];
    }

    private static readonly System.Buffers.SearchValues<char> Keyish =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789- ");

    private delegate bool LineTest(ReadOnlySpan<char> line);

    private static bool AllLines(ReadOnlySpan<char> text, int start, int end, LineTest test)
    {
        for (var bol = start; bol < end; bol = NextLine(text, bol, end))
        {
            var next = NextLine(text, bol, end);
            var line = text[bol..next].TrimEnd("\r\n");
            if (line.IsEmpty || !test(line))
            {
                return false;
            }
        }

        return start < end;
    }

    /// <summary>
    /// The last non-blank paragraph before <paramref name="end"/> (a line boundary or the end of the content), as
    /// [Start, End) over whole lines; (0, 0) when there is none.
    /// </summary>
    internal static (int Start, int End) PreviousParagraph(ReadOnlySpan<char> text, int end)
    {
        int start = -1, stop = -1;
        for (var pos = end; pos > 0;)
        {
            var lineStart = text[..(pos - 1)].LastIndexOf('\n') + 1;
            if (text[lineStart..pos].IsWhiteSpace())
            {
                if (stop >= 0)
                {
                    break;
                }
            }
            else
            {
                stop = stop < 0 ? pos : stop;
                start = lineStart;
            }

            pos = lineStart;
        }

        return stop < 0 ? (0, 0) : (start, stop);
    }

    private static int NextLine(ReadOnlySpan<char> s, int bol, int limit)
    {
        var nl = s[bol..limit].IndexOf('\n');
        return nl < 0 ? limit : bol + nl + 1;
    }
}
