namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// One pattern segment (the text between slashes) matched against one path segment: <c>*</c> is any run
/// of characters, <c>?</c> one character, <c>[...]</c> one character of a class (GitLab only; <c>!</c> or
/// <c>^</c> negates), <c>\x</c> a literal x. Slashes never occur on either side, so none of these cross one.
/// A segment of exactly <c>**</c> is a globstar, handled by <see cref="CodeownersPattern"/>, not here.
/// </summary>
internal sealed class CodeownersSegmentGlob
{
    private readonly Token[] tokens;

    private CodeownersSegmentGlob(bool isGlobstar, string? literal, Token[] tokens)
    {
        IsGlobstar = isGlobstar;
        Literal = literal;
        this.tokens = tokens;
    }

    /// <summary>Matches any single segment (<c>*</c>).</summary>
    public static CodeownersSegmentGlob AnyOne { get; } = Parse("*");

    public static CodeownersSegmentGlob Globstar { get; } = new(true, null, []);

    /// <summary>Zero or more whole segments.</summary>
    public bool IsGlobstar { get; }

    /// <summary>The unescaped text when the segment has no wildcard; then matching is string equality.</summary>
    public string? Literal { get; }

    public static CodeownersSegmentGlob Parse(string segment)
    {
        var tokens = new List<Token>();
        var literal = new System.Text.StringBuilder();
        var isLiteral = true;
        bool[]? unterminated = null;
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '\\' && i + 1 < segment.Length)
            {
                c = segment[++i];
                tokens.Add(Token.Char(c));
                literal.Append(c);
                continue;
            }

            switch (c)
            {
                case '*':
                    while (i + 1 < segment.Length && segment[i + 1] == '*')
                    {
                        i++;
                    }

                    tokens.Add(Token.Star);
                    isLiteral = false;
                    break;
                case '?':
                    tokens.Add(Token.Any);
                    isLiteral = false;
                    break;
                case '[' when TryParseClass(segment, ref i, ref unterminated, out var token):
                    tokens.Add(token);
                    isLiteral = false;
                    break;
                default:
                    tokens.Add(Token.Char(c));
                    literal.Append(c);
                    break;
            }
        }

        return new CodeownersSegmentGlob(false, isLiteral && literal.Length > 0 ? literal.ToString() : null, tokens.ToArray());
    }

    public bool Matches(ReadOnlySpan<char> text)
    {
        if (Literal is not null)
        {
            return text.SequenceEqual(Literal);
        }

        // Classic wildcard matching with one backtrack point per '*': linear in practice, no recursion.
        int t = 0, k = 0, star = -1, starText = 0;
        while (t < text.Length)
        {
            if (k < tokens.Length && tokens[k].Kind == TokenKind.Star)
            {
                star = k++;
                starText = t;
            }
            else if (k < tokens.Length && tokens[k].Accepts(text[t]))
            {
                k++;
                t++;
            }
            else if (star >= 0)
            {
                k = star + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (k < tokens.Length && tokens[k].Kind == TokenKind.Star)
        {
            k++;
        }

        return k == tokens.Length;
    }

    /// <summary>fnmatch bracket expression; an unterminated one leaves <c>[</c> a literal.</summary>
    /// <remarks>
    /// The closing bracket is found before anything is built. Scans from different <c>[</c> step through the segment
    /// alike once they meet, so the positions an unterminated scan walked are kept in <paramref name="unterminated"/>
    /// and end any later scan that reaches them: a segment of many unclosed <c>[</c> costs linear time, not quadratic.
    /// </remarks>
    private static bool TryParseClass(string segment, ref int i, ref bool[]? unterminated, out Token token)
    {
        var j = i + 1;
        var negate = j < segment.Length && segment[j] is '!' or '^';
        if (negate)
        {
            j++;
        }

        if (!IsTerminated(segment, j, ref unterminated))
        {
            token = default;
            return false;
        }

        var ranges = new List<(char Low, char High)>();
        for (var first = true; j < segment.Length; first = false, j++)
        {
            if (segment[j] == ']' && !first)
            {
                i = j;
                token = new Token(TokenKind.Class, '\0', ranges.ToArray(), negate);
                return true;
            }

            var low = segment[j] == '\\' && j + 1 < segment.Length ? segment[++j] : segment[j];
            var high = low;
            if (j + 2 < segment.Length && segment[j + 1] == '-' && segment[j + 2] != ']')
            {
                j += 2;
                high = segment[j] == '\\' && j + 1 < segment.Length ? segment[++j] : segment[j];
            }

            ranges.Add((low, high));
        }

        token = default;
        return false;
    }

    private static bool IsTerminated(string segment, int first, ref bool[]? unterminated)
    {
        for (var j = first; j < segment.Length; j = NextMember(segment, j))
        {
            if (j != first && (unterminated?[j] == true))
            {
                break;
            }

            if (segment[j] == ']' && j != first)
            {
                return true;
            }
        }

        unterminated ??= new bool[segment.Length];
        for (var j = first < segment.Length ? NextMember(segment, first) : first; j < segment.Length && !unterminated[j]; j = NextMember(segment, j))
        {
            unterminated[j] = true;
        }

        return false;
    }

    /// <summary>Where the class member after the one at <paramref name="j"/> starts (skipping an escape or a range), as the parse loop steps.</summary>
    private static int NextMember(string segment, int j)
    {
        if (segment[j] == '\\' && j + 1 < segment.Length)
        {
            j++;
        }

        if (j + 2 < segment.Length && segment[j + 1] == '-' && segment[j + 2] != ']')
        {
            j += 2;
            if (segment[j] == '\\' && j + 1 < segment.Length)
            {
                j++;
            }
        }

        return j + 1;
    }

    private enum TokenKind
    {
        Char,
        Any,
        Star,
        Class,
    }

    private readonly record struct Token(TokenKind Kind, char Value, (char Low, char High)[]? Ranges, bool Negate)
    {
        public static Token Star => new(TokenKind.Star, '\0', null, false);

        public static Token Any => new(TokenKind.Any, '\0', null, false);

        public static Token Char(char c) => new(TokenKind.Char, c, null, false);

        public bool Accepts(char c) => Kind switch
        {
            TokenKind.Char => c == Value,
            TokenKind.Any => true,
            TokenKind.Class => Ranges!.Any(r => c >= r.Low && c <= r.High) != Negate,
            _ => false,
        };
    }
}
