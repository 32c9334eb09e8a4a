namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// The literal text every match of an anchored catalog pattern starts with (<c>^https://claude\.ai/code/session_</c> gives
/// <c>https://claude.ai/code/session_</c>), so a text that does not start with it is rejected without building or
/// running the regex. Sound for the catalog engine (case-insensitive, invariant): the prefix keeps only ASCII characters
/// whose case-insensitive match is exactly what <see cref="StringComparison.OrdinalIgnoreCase"/> compares, and is
/// null when the pattern is not anchored or has an alternative at the top level.
/// </summary>
internal static class RegexPrefix
{
    public static string? Literal(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || HasTopLevelAlternative(pattern))
        {
            return null;
        }

        var prefix = new List<char>();
        for (var i = 1; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var escaped = c == '\\';
            if (escaped)
            {
                if (i + 1 >= pattern.Length || !IsEscapedLiteral(pattern[i + 1]))
                {
                    break;
                }

                c = pattern[++i];
            }
            else if (!IsPlainLiteral(c))
            {
                // A quantifier makes the character before it optional or repeatable: it is not part of every match.
                if (c is '?' or '*' or '{' && prefix.Count > 0)
                {
                    prefix.RemoveAt(prefix.Count - 1);
                }

                break;
            }

            prefix.Add(c);
        }

        return prefix.Count == 0 ? null : new string([.. prefix]);
    }

    // The letter k is left out: under the regex engine's case folding it also matches the Kelvin sign, which ordinal
    // ignore-case comparison does not equate with it (the long s it does: its upper case is S).
    private static bool IsPlainLiteral(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '/' or ':' or '-' or '_' or '@' or '=' or '%' or '~' or ',' or ';' or '!' or '&' or '\''
        && c is not ('k' or 'K');

    private static bool IsEscapedLiteral(char c) => c is '.' or '/' or '-' or ':' or '@' or '_' or '=' or '%' or '~';

    private static bool HasTopLevelAlternative(string pattern)
    {
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = ClassEnd(pattern, i);
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth <= 0:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The index of the <c>]</c> closing the class opened at <paramref name="open"/> (a first <c>]</c> is literal).</summary>
    private static int ClassEnd(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == ']')
            {
                return i;
            }
        }

        return pattern.Length;
    }
}
