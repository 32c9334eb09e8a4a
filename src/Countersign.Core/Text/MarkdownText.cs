using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Countersign.Core.Text;

/// <summary>
/// Puts text that someone else wrote (names, paths, titles, reasons, comments) into Markdown that GitHub or GitLab
/// renders, so it reads as written and does nothing else: no link, image, heading, list, table cell, HTML tag, entity,
/// autolink, mention or issue reference can come out of it. Countersign's own Markdown writes every untrusted string
/// through <see cref="Escape"/>; the people it means to ping, through <see cref="Mention"/>.
/// </summary>
public static partial class MarkdownText
{
    /// <summary>
    /// One inline piece of Markdown that shows <paramref name="text"/> literally, safe anywhere inline (also at the start
    /// of a line or in a table cell): control, format and line-separator characters removed (a line break becomes a
    /// space); the text bounded to <paramref name="maxLength"/> characters of its own, ending in "…" when cut, before
    /// anything is escaped (so a cut never splits an escape, an entity or a surrogate pair); <c>&amp;</c>, <c>&lt;</c>
    /// and <c>&gt;</c> as HTML entities; the ASCII punctuation Markdown acts on (with <c>$</c>, GitHub's maths, and the
    /// <c>:</c> of <c>://</c>, an autolink) backslash-escaped; an <c>@</c> that
    /// would mention someone and a <c>#</c> before a digit (an issue reference) replaced by their full-width forms
    /// (＠, ＃), which no forge links and everyone reads. Null becomes the empty string.
    /// </summary>
    public static string Escape(string? text, int maxLength = UntrustedText.DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var visible = UntrustedText.Bound(Strip(text), maxLength);
        var md = new StringBuilder(visible.Length + 16);
        for (var i = 0; i < visible.Length; i++)
        {
            var c = visible[i];
            var previous = i == 0 ? ' ' : visible[i - 1];
            var next = i + 1 < visible.Length ? visible[i + 1] : ' ';
            switch (c)
            {
                case '&':
                    md.Append("&amp;");
                    break;
                case '<':
                    md.Append("&lt;");
                    break;
                case '>':
                    md.Append("&gt;");
                    break;
                case '@' when !IsWordChar(previous) && (IsWordChar(next) || next == '-'):
                    md.Append('＠');
                    break;
                case '#' when char.IsAsciiDigit(next):
                    md.Append('＃');
                    break;
                case ':' when next == '/': // no autolink (https://…)
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '~' or '=' or '$':
                    md.Append('\\').Append(c);
                    break;
                default:
                    md.Append(c);
                    break;
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// A deliberate mention of the forge account <paramref name="login"/> (<c>@login</c>), when it is a well-formed login
    /// (a letter or digit, then letters, digits, '-', '_' or '.', not ending in '.', at most 255 characters — GitHub's
    /// and GitLab's rules, loosely); anything else is
    /// shown through <see cref="Escape"/> and mentions nobody.
    /// </summary>
    public static string Mention(string? login) =>
        login is not null && Login().IsMatch(login) ? "@" + login : Escape(login, 60);

    /// <summary>The text without characters a reader cannot see: line breaks and tabs become spaces, every other control, format or separator character goes.</summary>
    private static string Strip(string text)
    {
        if (!text.Any(UntrustedText.IsHidden))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
                if (category is not (UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse))
                {
                    kept.Append(c).Append(text[i + 1]);
                }

                i++;
            }
            else if (c is '\n' or '\r' or '\t' or '\u2028' or '\u2029' or '\u0085')
            {
                kept.Append(' ');
            }
            else if (!UntrustedText.IsHidden(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,253}[A-Za-z0-9_-])?$")]
    private static partial Regex Login();
}
