namespace Countersign.Core.Provenance.Trailers;

/// <summary>
/// The footer of a commit message: the paragraphs at its end that hold only footer lines — the final trailer block
/// (as git finds it), and above or below it paragraphs whose every line is trailer-shaped (<c>Key: value</c>,
/// <c>Link to Devin run: …</c>), a link standing alone, an issue reference (<c>Closes #12</c>), a rule (<c>---</c>)
/// or an HTML comment. Walking up from the end, the first paragraph holding anything else (prose, a quote, an
/// indented or fenced line) ends the footer, and the title paragraph never belongs to it. So a session link or a
/// misspelt trailer in the body's prose is never read as a marker.
/// </summary>
internal static class FooterZone
{
    /// <summary>At most this many lines outside git's trailer block are read: real footers are short.</summary>
    public const int MaxLines = 40;

    /// <summary>Where the footer starts (a line start), or the message length when there is none. Allocation-free.</summary>
    public static int Start(ReadOnlySpan<char> message, int blockStart, int blockEnd)
    {
        var titleEnd = TitleEnd(message);
        var zone = message.Length;
        var lines = 0;
        for (var end = message.Length; end > titleEnd;)
        {
            var (start, stop) = TailTrailers.PreviousParagraph(message, end);
            if (stop <= start || start < titleEnd)
            {
                break;
            }

            var isBlock = blockStart < blockEnd && start >= blockStart && stop <= blockEnd;
            if (!isBlock)
            {
                lines += message[start..stop].Count('\n') + 1;
                if (lines > MaxLines || !AllFooterLines(message, start, stop) || Signatures.MessageText.IsInsideFence(message, start))
                {
                    break;
                }
            }

            zone = start;
            end = start;
        }

        return zone;
    }

    /// <summary>One footer line: see the type's summary.</summary>
    internal static bool IsFooterLine(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty || TrailerParser.IsGitSpace(raw[0]) || raw[0] == '>')
        {
            return false;
        }

        var line = raw.TrimEnd();
        if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
        {
            return false;
        }

        return TrailerParser.FindSeparator(line) >= 1
            || TailTrailers.IsTailLine(line)
            || !Signatures.SessionLink.Find(line).IsEmpty
            || (line.Length >= 3 && !line.ContainsAnyExcept("-=*_"))
            || (line.StartsWith("<!--", StringComparison.Ordinal) && line.EndsWith("-->", StringComparison.Ordinal));
    }

    private static bool AllFooterLines(ReadOnlySpan<char> text, int start, int end)
    {
        for (var bol = start; bol < end;)
        {
            var nl = text[bol..end].IndexOf('\n');
            var next = nl < 0 ? end : bol + nl + 1;
            if (!IsFooterLine(text[bol..next].TrimEnd("\r\n")))
            {
                return false;
            }

            bol = next;
        }

        return true;
    }

    /// <summary>End of the title paragraph (git: the first paragraph never holds trailers).</summary>
    private static int TitleEnd(ReadOnlySpan<char> text)
    {
        for (var bol = 0; bol < text.Length;)
        {
            var nl = text[bol..].IndexOf('\n');
            var next = nl < 0 ? text.Length : bol + nl + 1;
            if (text[bol..next].IsWhiteSpace())
            {
                return bol;
            }

            bol = next;
        }

        return text.Length;
    }
}
