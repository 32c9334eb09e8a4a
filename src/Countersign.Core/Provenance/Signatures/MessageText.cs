using System.Globalization;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>Small, allocation-free helpers for reading commit-message text the way a reader would.</summary>
internal static class MessageText
{
    /// <summary>The first line, without its line ending.</summary>
    public static ReadOnlySpan<char> Subject(ReadOnlySpan<char> message)
    {
        var nl = message.IndexOf('\n');
        return (nl < 0 ? message : message[..nl]).TrimEnd('\r');
    }

    /// <summary>True when <paramref name="position"/> lies inside a fenced code block (``` or ~~~) opened before it.</summary>
    public static bool IsInsideFence(ReadOnlySpan<char> message, int position)
    {
        if (message[..position].IndexOfAny('`', '~') < 0)
        {
            return false;
        }

        var inside = false;
        for (var bol = 0; bol < position;)
        {
            var nl = message[bol..position].IndexOf('\n');
            var line = message[bol..(nl < 0 ? position : bol + nl)].TrimStart();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inside = !inside;
            }

            if (nl < 0)
            {
                break;
            }

            bol += nl + 1;
        }

        return inside;
    }

    /// <summary>Drops leading emoji, symbols and invisible marks ("🤖 Generated with …" → "Generated with …").</summary>
    public static ReadOnlySpan<char> StripLeadingSymbols(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol
                    or UnicodeCategory.ModifierSymbol or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                i++;
                continue;
            }

            break;
        }

        return line[i..];
    }

    /// <summary>
    /// Splits a trailer value <c>Name &lt;email&gt;</c>. Without angle brackets around something with an '@' the whole
    /// value is the name (<c>OpenCode.ai &lt;Opus 4.6&gt;</c> names a tool and a model, not an address).
    /// </summary>
    public static void SplitIdentity(ReadOnlySpan<char> value, out ReadOnlySpan<char> name, out ReadOnlySpan<char> email)
    {
        var lt = value.LastIndexOf('<');
        var gt = lt < 0 ? -1 : value[lt..].IndexOf('>');
        if (lt < 0 || gt < 0 || value[lt..(lt + gt)].IndexOf('@') < 0)
        {
            name = value.Trim();
            email = default;
            return;
        }

        name = value[..lt].Trim();
        email = value[(lt + 1)..(lt + gt)].Trim();
    }
}
