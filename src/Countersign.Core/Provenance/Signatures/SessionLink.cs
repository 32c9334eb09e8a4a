namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Finds a link standing alone on a footer line, the forms tools and people write under a commit message:
/// a bare URL (<c>https://ampcode.com/threads/T-…</c>), <c>&lt;URL&gt;</c>, a short label and a URL
/// (<c>Link to Devin run: https://app.devin.ai/sessions/…</c>), a Markdown link (<c>[session](URL)</c>), a single
/// HTML anchor (<c>&lt;a href="URL"&gt;…&lt;/a&gt;</c>), or a line set wholly in emphasis that carries a Markdown link
/// (<c>*PR created automatically by Jules for task [1](URL) started by @x*</c>). A URL inside a sentence is not
/// standing alone. Leading emoji and list bullets are ignored.
/// </summary>
internal static class SessionLink
{
    /// <summary>Longest label before a URL ("Link to Devin run"): longer text before it is a sentence.</summary>
    public const int MaxLabelLength = 40;

    /// <summary>The URL standing alone on <paramref name="line"/>, or an empty span.</summary>
    public static ReadOnlySpan<char> Find(ReadOnlySpan<char> line)
    {
        if (line.IndexOf("http", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return default;
        }

        var rest = MessageText.StripLeadingSymbols(line.Trim());
        if (rest.StartsWith("- ", StringComparison.Ordinal) || rest.StartsWith("* ", StringComparison.Ordinal))
        {
            rest = rest[2..].TrimStart();
        }

        var emphasised = rest.Length > 2 && rest[0] is '*' or '_' && rest[^1] == rest[0];
        if (emphasised)
        {
            rest = rest.Trim(rest[0]).Trim();
        }

        if (rest.StartsWith("<a href=\"", StringComparison.OrdinalIgnoreCase) && rest.EndsWith("</a>", StringComparison.OrdinalIgnoreCase))
        {
            var href = rest[9..];
            var quote = href.IndexOf('"');
            return quote < 0 ? default : Url(href[..quote]);
        }

        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && colon <= MaxLabelLength && IsLabel(rest[..colon]))
        {
            rest = rest[(colon + 2)..].Trim();
        }

        if (rest.Length > 2 && rest[0] == '<' && rest[^1] == '>')
        {
            return Url(rest[1..^1]);
        }

        if (rest.Length > 0 && rest[0] == '[' && rest[^1] == ')' && rest.IndexOf("](", StringComparison.Ordinal) is var close and > 0
            && rest[(close + 2)..^1].IndexOf(')') < 0)
        {
            return Url(rest[(close + 2)..^1]);
        }

        if (rest.IndexOfAny(' ', '\t') < 0)
        {
            return Url(rest.TrimEnd(".,;"));
        }

        if (emphasised && rest.IndexOf("](http", StringComparison.OrdinalIgnoreCase) is var at and > 0)
        {
            var target = rest[(at + 2)..];
            var end = target.IndexOf(')');
            return end < 0 ? default : Url(target[..end]);
        }

        return default;
    }

    /// <summary>Letters, digits, spaces and '-', starting with a letter; Markdown bold around it is allowed.</summary>
    private static bool IsLabel(ReadOnlySpan<char> label)
    {
        label = label.Trim('*').Trim();
        if (label.IsEmpty || !char.IsLetter(label[0]))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsLetterOrDigit(c) && c is not ' ' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> Url(ReadOnlySpan<char> candidate)
    {
        candidate = candidate.Trim();
        var isUrl = (candidate.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || candidate.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            && candidate.IndexOfAny(' ', '\t') < 0;
        return isUrl ? candidate : default;
    }
}
