namespace Countersign.Core.Ownership.Codeowners;

/// <summary>Splits a CODEOWNERS line into words the way both forges do: spaces and tabs separate, <c>\ </c> does not.</summary>
internal static class CodeownersTokenizer
{
    /// <summary>
    /// Tokens from <paramref name="start"/> (0-based) to the end of the line or to an inline comment: a word
    /// that begins with an unescaped <c>#</c>. <paramref name="commentColumn"/> is that word's column, if any.
    /// </summary>
    public static List<CodeownersToken> Tokenize(string line, int start, out int? commentColumn)
    {
        var tokens = new List<CodeownersToken>();
        commentColumn = null;
        var i = start;
        while (i < line.Length)
        {
            if (line[i] is ' ' or '\t')
            {
                i++;
                continue;
            }

            if (line[i] == '#')
            {
                commentColumn = i + 1;
                break;
            }

            var begin = i;
            while (i < line.Length && line[i] is not (' ' or '\t'))
            {
                i += line[i] == '\\' && i + 1 < line.Length ? 2 : 1;
            }

            tokens.Add(new CodeownersToken(line[begin..i], begin + 1));
        }

        return tokens;
    }
}
