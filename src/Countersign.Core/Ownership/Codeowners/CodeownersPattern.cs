using System.Text;
using System.Text.RegularExpressions;

namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// A CODEOWNERS pattern compiled once into a linear-time regular expression over repository-relative
/// paths (forward slashes, no leading slash), plus the cheap facts the rule index uses to skip it.
/// </summary>
/// <remarks>
/// Hand-written because neither Microsoft.Extensions.FileSystemGlobbing nor DotNet.Glob implements
/// these semantics: they match a glob against a whole path, with no notion of a pattern that floats to
/// any depth when it has no inner slash, of a pattern that matches a directory and hence everything under
/// it, of a trailing <c>/</c> meaning "directory only", or of GitHub's rule that <c>docs/*</c> stops at
/// direct children; FileSystemGlobbing also walks a real file system, which Core must not touch.
/// <para>
/// GitHub follows gitignore: a leading or inner slash anchors to the root, otherwise the pattern matches
/// at any depth; a match on a directory covers everything under it; a trailing slash matches only
/// directories; <c>**</c> as a whole segment crosses directories; <c>*</c> and <c>?</c> never match a
/// slash. One documented difference: a final segment that is exactly <c>*</c> (as in <c>docs/*</c>)
/// matches only direct children, not deeper files.
/// </para>
/// <para>
/// GitLab (ee/lib/gitlab/code_owners/file.rb) rewrites the pattern and calls Ruby's <c>File.fnmatch</c>
/// with FNM_PATHNAME | FNM_DOTMATCH on <c>"/" + path</c>: <c>*</c> becomes <c>/**/*</c>; a pattern not
/// starting with <c>/</c> gets a <c>/**/</c> prefix (so <c>docs/a.md</c> matches <c>x/docs/a.md</c>);
/// a trailing <c>/</c> gets <c>**/*</c> appended; nothing else matches a directory's contents, so
/// <c>/docs</c> matches only a file named docs. <c>**/</c> is zero or more directories; a <c>**</c>
/// not followed by a slash is a plain <c>*</c>; <c>[...]</c> classes are supported.
/// </para>
/// </remarks>
internal sealed class CodeownersPattern
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private readonly string regexText;
    private Regex? regex;

    private CodeownersPattern(string regexText, IReadOnlyList<string> literalPrefix, string requiredLiteral)
    {
        this.regexText = regexText;
        LiteralPrefix = literalPrefix;
        RequiredLiteral = requiredLiteral;
    }

    /// <summary>
    /// Leading path segments every matching path starts with, exactly (empty for a pattern that floats or starts
    /// with a wildcard): an anchored pattern's segments up to its first wildcard map one-to-one onto path segments.
    /// </summary>
    public IReadOnlyList<string> LiteralPrefix { get; }

    /// <summary>A literal every matching path contains (possibly empty): an ordinal substring test that rejects most paths cheaply.</summary>
    public string RequiredLiteral { get; }

    internal string RegexText => regexText;

    /// <summary>
    /// Whether the pattern matches the path. The regex is built on first use: building a non-backtracking
    /// regex costs far more than a match, and thanks to the index most rules of a large file are never tried.
    /// Two threads may race to build it; both results are equivalent, so the race is harmless.
    /// </summary>
    public bool IsMatch(string path) =>
        (RequiredLiteral.Length == 0 || path.Contains(RequiredLiteral, StringComparison.Ordinal))
        && (regex ??= new Regex(regexText, Options)).IsMatch(path);

    /// <summary>
    /// Compiles a pattern as written in the file, escapes included, without a leading <c>!</c>.
    /// The parser has already rejected what the flavor does not support (and empty segments).
    /// </summary>
    public static CodeownersPattern Compile(string pattern, CodeownersFlavor flavor) =>
        flavor == CodeownersFlavor.GitLab ? CompileGitLab(pattern) : CompileGitHub(pattern);

    private static CodeownersPattern CompileGitHub(string pattern)
    {
        var leadingSlash = pattern.StartsWith('/');
        var trailingSlash = pattern.Length > 1 && pattern.EndsWith('/') && !pattern.EndsWith("\\/", StringComparison.Ordinal);
        var core = pattern[(leadingSlash ? 1 : 0)..(trailingSlash ? ^1 : ^0)];
        var segments = SplitSegments(core);
        var anchored = leadingSlash || segments.Count > 1;
        var directChildrenOnly = anchored && segments[^1] == "*" && (segments.Count == 1 || segments[^2] != "**");

        var re = new StringBuilder("^");
        if (!anchored)
        {
            re.Append("(?:.*/)?");
        }

        var needSlash = false;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            if (segments[i] == "**")
            {
                // Leading "**/" is any leading directories, a final "/**" anything inside, "/**/" zero or more directories.
                re.Append((needSlash, last) switch
                {
                    (false, true) => ".*",
                    (false, false) => "(?:.*/)?",
                    (true, true) => "/.+",
                    (true, false) => "(?:/.*)?",
                });
                continue;
            }

            if (needSlash)
            {
                re.Append('/');
            }

            AppendSegment(re, segments[i]);
            needSlash = true;
        }

        re.Append(trailingSlash ? "/.+$" : directChildrenOnly ? "$" : "(?:/.*)?$");
        var prefix = anchored ? LiteralSegments(segments) : [];
        return new CodeownersPattern(re.ToString(), prefix, LongestLiteral(segments));
    }

    private static CodeownersPattern CompileGitLab(string pattern)
    {
        var normalized = pattern;
        if (normalized.StartsWith("\\#", StringComparison.Ordinal))
        {
            normalized = normalized[1..];
        }

        if (normalized == "*")
        {
            normalized = "/**/*";
        }

        if (!normalized.StartsWith('/'))
        {
            normalized = "/**/" + normalized;
        }

        if (normalized.EndsWith('/') && !normalized.EndsWith("\\/", StringComparison.Ordinal))
        {
            normalized += "**/*";
        }

        // Matched against the path without its leading slash, so drop the pattern's one too.
        var segments = SplitSegments(normalized[1..]);
        var re = new StringBuilder("^");
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            if (segments[i] == "**" && !last)
            {
                re.Append("(?:[^/]+/)*");
                continue;
            }

            AppendSegment(re, segments[i]);
            if (!last)
            {
                re.Append('/');
            }
        }

        re.Append('$');
        return new CodeownersPattern(re.ToString(), LiteralSegments(segments), LongestLiteral(segments));
    }

    /// <summary>Splits on slashes that are not escaped; segments keep their escapes.</summary>
    private static List<string> SplitSegments(string text)
    {
        var segments = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '/')
            {
                segments.Add(text[start..i]);
                start = i + 1;
            }
        }

        segments.Add(text[start..]);
        return segments;
    }

    /// <summary>One path segment: <c>*</c> (and an in-segment <c>**</c>) and <c>?</c> never cross a slash.</summary>
    private static void AppendSegment(StringBuilder re, string segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            switch (c)
            {
                case '\\' when i + 1 < segment.Length:
                    re.Append(Regex.Escape(segment[++i].ToString()));
                    break;
                case '*':
                    re.Append("[^/]*");
                    while (i + 1 < segment.Length && segment[i + 1] == '*')
                    {
                        i++;
                    }

                    break;
                case '?':
                    re.Append("[^/]");
                    break;
                case '[' when TryAppendClass(re, segment, ref i):
                    break;
                default:
                    re.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
    }

    /// <summary>fnmatch bracket expression; an unterminated one is a literal <c>[</c>.</summary>
    private static bool TryAppendClass(StringBuilder re, string segment, ref int i)
    {
        var j = i + 1;
        var negate = j < segment.Length && (segment[j] == '!' || segment[j] == '^');
        if (negate)
        {
            j++;
        }

        var body = new StringBuilder();
        var firstInClass = true;
        for (; j < segment.Length; j++)
        {
            var c = segment[j];
            if (c == ']' && !firstInClass)
            {
                re.Append(negate ? "[^/" : "[").Append(body).Append(']');
                i = j;
                return true;
            }

            if (c == '\\' && j + 1 < segment.Length)
            {
                c = segment[++j];
            }

            body.Append(c is '\\' or ']' or '[' or '^' ? "\\" + c : c.ToString());
            firstInClass = false;
        }

        return false;
    }

    private static List<string> LiteralSegments(List<string> segments)
    {
        var literals = new List<string>();
        foreach (var segment in segments)
        {
            if (LiteralOf(segment) is not { } literal)
            {
                break;
            }

            literals.Add(literal);
        }

        return literals;
    }

    /// <summary>The unescaped text of a segment without wildcards, or null.</summary>
    private static string? LiteralOf(string segment)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '\\' && i + 1 < segment.Length)
            {
                sb.Append(segment[++i]);
            }
            else if (c is '*' or '?' or '[')
            {
                return null;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>The longest run of literal characters inside any one segment (a run stops at a wildcard).</summary>
    private static string LongestLiteral(List<string> segments)
    {
        var best = "";
        var run = new StringBuilder();
        foreach (var segment in segments)
        {
            run.Clear();
            for (var i = 0; i <= segment.Length; i++)
            {
                var c = i < segment.Length ? segment[i] : '\0';
                if (i < segment.Length && c == '\\' && i + 1 < segment.Length)
                {
                    run.Append(segment[++i]);
                    continue;
                }

                if (i == segment.Length || c is '*' or '?' or '[')
                {
                    if (run.Length > best.Length)
                    {
                        best = run.ToString();
                    }

                    run.Clear();
                    if (c == '[')
                    {
                        break; // a class's members are not literals; ignore the rest of the segment
                    }

                    continue;
                }

                run.Append(c);
            }
        }

        return best;
    }
}
