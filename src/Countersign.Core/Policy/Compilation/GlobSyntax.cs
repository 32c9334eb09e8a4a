namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Checks and normalises a policy glob before it is compiled. DotNet.Glob accepts almost anything and reads what it
/// does not understand literally (<c>{a,b}</c> is a file name to it), so a typo would silently match nothing; here
/// it is an error that says what to write instead. A leading <c>/</c> is dropped (paths are relative to the
/// repository root); a trailing <c>/</c> means the folder and everything under it.
/// </summary>
internal static class GlobSyntax
{
    /// <summary>The pattern to compile, or the problem with it.</summary>
    public static (string? Pattern, string? Problem) Check(string glob)
    {
        if (glob.Length == 0)
        {
            return (null, "an empty glob matches nothing");
        }

        if (glob[0] == '!')
        {
            return (null, "negation is not supported: list exclusions under paths.none, or wrap the condition in not");
        }

        if (glob.Contains('\\', StringComparison.Ordinal))
        {
            return (null, "use / between folders (a backslash is not a separator)");
        }

        if (glob.IndexOfAny(['{', '}']) >= 0)
        {
            return (null, "braces are not supported: give each alternative as its own glob");
        }

        var pattern = glob.TrimStart('/');
        pattern = pattern.Length == 0 || pattern.EndsWith('/') ? pattern + "**" : pattern;
        if (pattern.Split('/') is var segments && segments.Any(s => s.Length == 0))
        {
            return (null, "an empty folder name (//) matches nothing");
        }

        if (segments.FirstOrDefault(s => s.Contains("**", StringComparison.Ordinal) && s != "**") is { } bad)
        {
            return (null, $"** must be a whole path segment: '{bad}' (write **/{bad.Replace("**", "*", StringComparison.Ordinal)} or {bad.Replace("**", "*", StringComparison.Ordinal)})");
        }

        return CharacterClasses(pattern) is { } problem ? (null, problem) : (pattern, null);
    }

    private static string? CharacterClasses(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '[')
            {
                continue;
            }

            var close = pattern.IndexOf(']', i + 1);
            if (close < 0)
            {
                return $"'[' at position {i + 1} is never closed with ']'";
            }

            var body = pattern[(i + 1)..close].TrimStart('!');
            if (body.Length == 0)
            {
                return "an empty character class ([]) matches nothing";
            }

            if (body.Contains('/', StringComparison.Ordinal))
            {
                return "a character class cannot contain /";
            }

            for (var j = 1; j + 1 < body.Length; j++)
            {
                if (body[j] == '-' && body[j - 1] > body[j + 1])
                {
                    return $"the range {body[j - 1]}-{body[j + 1]} is backwards (write {body[j + 1]}-{body[j - 1]})";
                }
            }

            i = close;
        }

        return null;
    }
}
