namespace Countersign.Server.Api;

/// <summary>
/// Text both stores can keep: no U+0000 (PostgreSQL refuses it in text) and no unpaired UTF-16 surrogate (not text at
/// all: it has no UTF-8 form). Checked at the edge — request bodies, query parameters, the path, headers and form
/// fields — so such input is a 400 that names the field on SQLite and PostgreSQL alike, never a database error.
/// </summary>
internal static class StorableText
{
    /// <summary>Null when <paramref name="value"/> can be stored; otherwise what is wrong with it, in words.</summary>
    public static string? Problem(string value)
    {
        var span = value.AsSpan();
        var nul = span.IndexOf('\0');
        var surrogate = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (nul < 0 && surrogate < 0)
        {
            return null;
        }

        var from = nul < 0 ? surrogate : surrogate < 0 ? nul : Math.Min(nul, surrogate);
        for (var i = from; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '\0')
            {
                return $"contains U+0000 (NUL) at character {i + 1}; it cannot be stored";
            }

            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains an unpaired UTF-16 surrogate (U+{(int)c:X4}) at character {i + 1}; it is not text";
            }
        }

        return null;
    }
}
