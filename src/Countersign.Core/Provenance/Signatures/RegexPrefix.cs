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
    private static readonly System.Buffers.SearchValues<char> Counts = System.Buffers.SearchValues.Create("0123456789,");

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

    /// <summary>
    /// Literal runs (two characters or more) that every match contains somewhere: runs of plain characters at the top
    /// level of a pattern without top-level alternatives, outside groups and classes, each character not made optional
    /// or repeatable by a quantifier (<c>^https://github\.com/[a-z]+/pull/[0-9]+/agent-sessions/</c> gives
    /// <c>https://github.com/</c>, <c>/pull/</c> and <c>/agent-sessions/</c>). A text lacking one (compared as
    /// <see cref="StringComparison.OrdinalIgnoreCase"/>, sound for the same characters as <see cref="Literal"/>) cannot
    /// match, so the regex need not be built nor run. Empty when nothing is certain (inline options, alternatives).
    /// </summary>
    public static IReadOnlyList<string> Required(string pattern)
    {
        if (pattern.Contains("(?", StringComparison.Ordinal) || HasTopLevelAlternative(pattern))
        {
            return [];
        }

        var runs = new List<string>();
        var run = new List<char>();
        void Close()
        {
            if (run.Count >= 2)
            {
                runs.Add(new string([.. run]));
            }

            run.Clear();
        }

        for (var i = pattern.StartsWith('^') ? 1 : 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && IsEscapedLiteral(pattern[i + 1]))
            {
                run.Add(pattern[++i]);
            }
            else if (c != '\\' && IsPlainLiteral(c))
            {
                run.Add(c);
            }
            else if (c is '?' or '*' or '+' or '{')
            {
                // The quantified character is optional or repeatable: the run ends before it.
                if (run.Count > 0)
                {
                    run.RemoveAt(run.Count - 1);
                }

                Close();
                if (c == '{' && !SkipCounts(pattern, ref i))
                {
                    break;
                }
            }
            else
            {
                Close();
                switch (c)
                {
                    case '\\':
                        i++;
                        break;
                    case '[':
                        i = ClassEnd(pattern, i);
                        break;
                    case '(':
                        i = GroupEnd(pattern, i);
                        break;
                }
            }
        }

        Close();
        return runs;
    }

    /// <summary>Moves <paramref name="i"/> to the <c>}</c> of a counted quantifier; false when it is not one (stop reading).</summary>
    private static bool SkipCounts(string pattern, ref int i)
    {
        var close = pattern.IndexOf('}', i);
        if (close <= i + 1 || pattern.AsSpan(i + 1, close - i - 1).ContainsAnyExcept(Counts))
        {
            return false;
        }

        i = close;
        return true;
    }

    /// <summary>The index of the <c>)</c> closing the group opened at <paramref name="open"/>.</summary>
    private static int GroupEnd(string pattern, int open)
    {
        var depth = 0;
        for (var i = open; i < pattern.Length; i++)
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
                case ')' when --depth == 0:
                    return i;
            }
        }

        return pattern.Length;
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
