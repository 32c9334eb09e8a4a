// Over 300 lines on purpose: a faithful port of git's trailer.c rules (block detection, continuation lines, separators),
// kept in one file in the order git applies them so it can be compared with git's source line by line.
using System.Text;

namespace Countersign.Core.Provenance.Trailers;

/// <summary>
/// Finds and parses the final trailer block of a commit message with the rules of git 2.39's <c>trailer.c</c>,
/// so that Countersign sees exactly the trailers git (and GitHub) see:
/// <list type="bullet">
/// <item>the first paragraph is the title and never holds trailers;</item>
/// <item>trailing blank lines, <c>#</c> comment lines, an old <c>Conflicts:</c> block and anything after a
/// <c># ------------------------ &gt;8 ------------------------</c> cut line are ignored;</item>
/// <item>the last paragraph is a trailer block when all its lines are trailers, or when at least 25 % are and one
/// starts with a git-generated prefix (<c>Signed-off-by: </c>, <c>(cherry picked from commit </c>);</item>
/// <item>a trailer is <c>token: value</c> (token = ASCII letters, digits, <c>-</c>, optionally followed by blanks);
/// lines that start with a blank continue the previous trailer.</item>
/// </list>
/// Only the default separator <c>:</c> and no <c>trailer.*</c> configuration are assumed.
/// </summary>
public static class TrailerParser
{
    private const string CutLine = "\n# ------------------------ >8 ------------------------\n";
    private static readonly string[] GitGeneratedPrefixes = ["Signed-off-by: ", "(cherry picked from commit "];

    /// <summary>
    /// Parses a commit message the way <c>git log --format=%(trailers)</c> does (equivalently
    /// <c>git interpret-trailers --parse --no-divider</c>): a <c>---</c> line is ordinary text, because commit
    /// messages (GitHub squash bodies in particular) use it as a rule, not as a patch divider.
    /// </summary>
    public static IReadOnlyList<Trailer> Parse(string message) => Parse(message, stopAtPatchDivider: false);

    /// <summary>
    /// Parses <paramref name="message"/>; with <paramref name="stopAtPatchDivider"/> everything from the first line
    /// starting with <c>---</c> and a blank is ignored, as plain <c>git interpret-trailers --parse</c> does for e-mails.
    /// Returns an empty list when there is no trailer block.
    /// </summary>
    public static IReadOnlyList<Trailer> Parse(string message, bool stopAtPatchDivider)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (start, end) = FindBlock(message, stopAtPatchDivider);
        return start >= end ? [] : ParseBlock(message, start, end);
    }

    /// <summary>The character range [Start, End) of the trailer block; Start ≥ End when there is none. Allocation-free.</summary>
    internal static (int Start, int End) FindBlock(ReadOnlySpan<char> message, bool stopAtPatchDivider)
    {
        var length = stopAtPatchDivider ? FindPatchStart(message) : message.Length;
        var end = FindTrailerEnd(message, length);
        return (FindTrailerStart(message, end), end);
    }

    /// <summary>Parses the block found by <see cref="FindBlock"/>.</summary>
    internal static List<Trailer> ParseBlock(string message, int start, int end)
    {
        // Group lines into entries: a line starting with a blank continues the previous entry if that one is a trailer.
        var entries = new List<(int Start, string Text)>();
        StringBuilder? current = null;
        var currentStart = 0;
        var lastIsTrailer = false;
        for (var bol = start; bol < end;)
        {
            var next = NextLine(message, bol, end);
            var line = message.AsSpan(bol, next - bol);
            if (lastIsTrailer && current is not null && IsGitSpace(line[0]))
            {
                current.Append(line);
            }
            else
            {
                if (current is not null)
                {
                    entries.Add((currentStart, current.ToString()));
                }

                current = new StringBuilder().Append(line);
                currentStart = bol;
                lastIsTrailer = FindSeparator(line) >= 1;
            }

            bol = next;
        }

        if (current is not null)
        {
            entries.Add((currentStart, current.ToString()));
        }

        var trailers = new List<Trailer>(entries.Count);
        var lineNumber = 1 + message.AsSpan(0, start).Count('\n');
        var counted = start;
        foreach (var (entryStart, text) in entries)
        {
            lineNumber += message.AsSpan(counted, entryStart - counted).Count('\n');
            counted = entryStart;
            if (text[0] == '#')
            {
                continue;
            }

            var separator = FindSeparator(text);
            if (separator >= 1)
            {
                var key = TrimGit(text.AsSpan(0, separator)).ToString();
                var value = Unfold(TrimGit(text.AsSpan(separator + 1)));
                trailers.Add(new Trailer(key, value, lineNumber));
            }
        }

        return trailers;
    }

    /// <summary>git's <c>find_patch_start</c>: the first line that starts with <c>---</c> followed by a blank.</summary>
    private static int FindPatchStart(ReadOnlySpan<char> s)
    {
        for (var bol = 0; bol < s.Length; bol = NextLine(s, bol, s.Length))
        {
            if (s[bol..].StartsWith("---", StringComparison.Ordinal) && bol + 3 < s.Length && IsGitSpace(s[bol + 3]))
            {
                return bol;
            }
        }

        return s.Length;
    }

    /// <summary>git's <c>ignore_non_trailer</c>: drops trailing blank lines, comments, a <c>Conflicts:</c> block and a cut line.</summary>
    private static int FindTrailerEnd(ReadOnlySpan<char> s, int length)
    {
        var cutoff = LocateCutLine(s, length);
        var boc = 0; // git uses 0 as "not set", quirk included
        var inConflicts = false;
        for (var bol = 0; bol < cutoff;)
        {
            var next = NextLine(s, bol, cutoff);
            var c = s[bol];
            if (c == '#' || c == '\n')
            {
                if (boc == 0)
                {
                    boc = bol;
                }
            }
            else if (s[bol..].StartsWith("Conflicts:\n", StringComparison.Ordinal))
            {
                inConflicts = true;
                if (boc == 0)
                {
                    boc = bol;
                }
            }
            else if (inConflicts && c == '\t')
            {
                // a path of the conflicts block
            }
            else if (boc != 0)
            {
                boc = 0;
                inConflicts = false;
            }

            bol = next;
        }

        return boc != 0 ? boc : cutoff;
    }

    private static int LocateCutLine(ReadOnlySpan<char> s, int length)
    {
        if (s.StartsWith(CutLine.AsSpan(1), StringComparison.Ordinal))
        {
            return 0;
        }

        var at = s.IndexOf(CutLine, StringComparison.Ordinal);
        return at < 0 ? length : at + 1;
    }

    /// <summary>git's <c>find_trailer_start</c>: where the last paragraph starts if it is a trailer block, else <paramref name="length"/>.</summary>
    private static int FindTrailerStart(ReadOnlySpan<char> s, int length)
    {
        var endOfTitle = 0;
        while (endOfTitle < length && (s[endOfTitle] == '#' || !IsBlankLine(s, endOfTitle)))
        {
            endOfTitle = NextLine(s, endOfTitle, s.Length);
        }

        var onlySpaces = true;
        var recognizedPrefix = false;
        int trailerLines = 0, nonTrailerLines = 0, possibleContinuationLines = 0;
        for (var bol = LastLine(s, length); bol >= endOfTitle; bol = LastLine(s, bol))
        {
            if (s[bol] == '#')
            {
                nonTrailerLines += possibleContinuationLines;
                possibleContinuationLines = 0;
                continue;
            }

            if (IsBlankLine(s, bol))
            {
                if (onlySpaces)
                {
                    continue;
                }

                nonTrailerLines += possibleContinuationLines;
                if ((recognizedPrefix && trailerLines * 3 >= nonTrailerLines) || (trailerLines > 0 && nonTrailerLines == 0))
                {
                    return NextLine(s, bol, s.Length);
                }

                return length;
            }

            onlySpaces = false;
            var line = s[bol..];
            if (line.StartsWith(GitGeneratedPrefixes[0], StringComparison.Ordinal) || line.StartsWith(GitGeneratedPrefixes[1], StringComparison.Ordinal))
            {
                trailerLines++;
                possibleContinuationLines = 0;
                recognizedPrefix = true;
            }
            else if (FindSeparator(line) >= 1 && !IsGitSpace(line[0]))
            {
                trailerLines++;
                possibleContinuationLines = 0;
            }
            else if (IsGitSpace(line[0]))
            {
                possibleContinuationLines++;
            }
            else
            {
                nonTrailerLines += 1 + possibleContinuationLines;
                possibleContinuationLines = 0;
            }
        }

        return length;
    }

    /// <summary>git's <c>find_separator</c>: index of the ':' ending a <c>token[blanks]</c> prefix, or -1.</summary>
    internal static int FindSeparator(ReadOnlySpan<char> line)
    {
        var whitespaceFound = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == ':')
            {
                return i;
            }

            if (!whitespaceFound && (char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                continue;
            }

            if (i != 0 && (c == ' ' || c == '\t'))
            {
                whitespaceFound = true;
                continue;
            }

            break;
        }

        return -1;
    }

    private static string Unfold(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('\n') < 0)
        {
            return value.ToString();
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length;)
        {
            var c = value[i++];
            if (c == '\n')
            {
                while (i < value.Length && IsGitSpace(value[i]))
                {
                    i++;
                }

                sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        return TrimGit(sb.ToString()).ToString();
    }

    /// <summary>git's <c>isspace</c>: only space, tab, LF and CR.</summary>
    internal static bool IsGitSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    internal static ReadOnlySpan<char> TrimGit(ReadOnlySpan<char> s)
    {
        var a = 0;
        var b = s.Length;
        while (a < b && IsGitSpace(s[a]))
        {
            a++;
        }

        while (b > a && IsGitSpace(s[b - 1]))
        {
            b--;
        }

        return s[a..b];
    }

    private static bool IsBlankLine(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] != '\n' && IsGitSpace(s[i]))
        {
            i++;
        }

        return i >= s.Length || s[i] == '\n';
    }

    /// <summary>Index just past the '\n' ending the line at <paramref name="bol"/>, or <paramref name="limit"/>.</summary>
    private static int NextLine(ReadOnlySpan<char> s, int bol, int limit)
    {
        var nl = s[bol..limit].IndexOf('\n');
        return nl < 0 ? limit : bol + nl + 1;
    }

    /// <summary>git's <c>last_line</c>: start of the last line of s[0..length) (a final '\n' belongs to that line), or -1.</summary>
    private static int LastLine(ReadOnlySpan<char> s, int length)
    {
        if (length <= 0)
        {
            return -1;
        }

        if (length == 1)
        {
            return 0;
        }

        var nl = s[..(length - 1)].LastIndexOf('\n');
        return nl + 1;
    }
}
