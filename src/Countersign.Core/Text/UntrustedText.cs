using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Countersign.Core.Text;

/// <summary>
/// Neutralises text that someone else wrote (author names, commit subjects, paths, comments, SCIM values, request
/// paths) before it reaches a terminal or a plain-text log. Nothing that could steer a terminal or forge a line
/// survives: control characters, line and paragraph separators, bidirectional overrides (Trojan Source) and other
/// invisible format characters are made visible as escapes (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>), so the reader
/// sees that they were there. JSON output does not need this: its escaping is already exact and safe.
/// </summary>
public static class UntrustedText
{
    /// <summary>The default bound: long enough for a path or a subject, short enough that a hostile value cannot flood a screen.</summary>
    public const int DefaultMaxLength = 200;

    /// <summary>
    /// One line of printable text: every character that a terminal would act on, or that would be invisible, is
    /// replaced by a visible escape; the result is at most <paramref name="maxLength"/> characters, ending in "…" when
    /// cut (never inside an escape or a surrogate pair). Null becomes the empty string.
    /// </summary>
    public static string ForTerminal(string? text, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (IsPlain(text) && text.Length <= maxLength)
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        var fitsWithEllipsis = 0; // the length of the longest prefix, at a piece boundary, that leaves room for "…"
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string piece;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var rune = new Rune(c, text[i + 1]);
                piece = IsHidden(Rune.GetUnicodeCategory(rune)) ? Escape(rune.Value) : text.Substring(i, 2);
                i++;
            }
            else
            {
                piece = IsHidden(c) ? Escape(c) : c.ToString();
            }

            if (builder.Length + piece.Length > maxLength)
            {
                builder.Length = fitsWithEllipsis;
                return builder.Append('…').ToString();
            }

            builder.Append(piece);
            if (builder.Length <= maxLength - 1)
            {
                fitsWithEllipsis = builder.Length;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Bounds untrusted text for storage and messages: at most <paramref name="maxLength"/> characters, ending in "…"
    /// when cut — or, with <paramref name="keepEnd"/> (paths, whose end names the file), starting with "…" and keeping
    /// the end — never inside a surrogate pair. The text is otherwise kept as written — JSON and the database hold it
    /// exactly — so pass it through <see cref="ForTerminal"/> before a terminal or a plain-text log. Null stays null.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Bound(string? text, int maxLength, bool keepEnd = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        if (keepEnd)
        {
            var from = text.Length - (maxLength - 1);
            if (from < text.Length && char.IsLowSurrogate(text[from]))
            {
                from++;
            }

            return string.Concat("…", text.AsSpan(from));
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>True when the character would act on a terminal, break a line, or be invisible.</summary>
    public static bool IsHidden(char c) => char.IsSurrogate(c) || IsHidden(char.GetUnicodeCategory(c));

    private static bool IsHidden(UnicodeCategory category) => category is UnicodeCategory.Control // C0, DEL, C1 (ESC, BEL, CR, LF, TAB, NEL, CSI)
        or UnicodeCategory.Format // bidi embeddings, overrides and isolates, LRM/RLM, zero-width characters, BOM
        or UnicodeCategory.LineSeparator // U+2028
        or UnicodeCategory.ParagraphSeparator // U+2029
        or UnicodeCategory.Surrogate // a lone half of a pair
        or UnicodeCategory.OtherNotAssigned; // may be assigned an invisible meaning later

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (IsHidden(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(int value) => value switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < 0x80 => $"\\x{value:x2}",
        <= 0xFFFF => $"\\u{value:x4}",
        _ => $"\\U{value:x8}",
    };
}
