namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Finds the tool a free-form value names (<c>Claude:Opus-4.8</c>, <c>Cursor with claude-4-sonnet</c>,
/// <c>ChatGPT (GPT-4o)</c>) from the tools' aliases. Values are split into lower-case words at anything but letters,
/// digits and dots between digits. The first specific tool named wins, except that a tool introduced by "via", "using", "in" or
/// "through" beats the words before it; when only <c>other-ai</c> aliases match, the answer is <c>other-ai</c>.
/// </summary>
internal sealed class ToolNameMatcher
{
    public const string OtherAi = "other-ai";
    private static readonly HashSet<string> Introducers = new(StringComparer.Ordinal) { "via", "using", "in", "through" };

    private readonly List<(string[] Words, bool LastIsPrefix, string Tool)> aliases = [];

    public ToolNameMatcher(IEnumerable<ToolSignature> tools)
    {
        foreach (var tool in tools)
        {
            foreach (var alias in tool.Aliases)
            {
                var prefix = alias.EndsWith('*');
                var words = Words(prefix ? alias[..^1] : alias);
                if (words.Count > 0)
                {
                    aliases.Add((words.ToArray(), prefix, tool.Id));
                }
            }
        }
    }

    /// <summary>The tool id named by <paramref name="value"/>, or null when it names no AI.</summary>
    public string? Resolve(string value)
    {
        var words = Words(value);
        (int At, int Length, bool Introduced, string Tool)? best = null;
        string? other = null;
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var (aliasWords, lastIsPrefix, tool) in aliases)
            {
                if (!MatchesAt(words, i, aliasWords, lastIsPrefix))
                {
                    continue;
                }

                if (tool == OtherAi)
                {
                    other ??= tool;
                    continue;
                }

                var introduced = i > 0 && Introducers.Contains(words[i - 1]);
                var better = best is not { } b
                    || (introduced && !b.Introduced)
                    || (introduced == b.Introduced && i == b.At && aliasWords.Length > b.Length);
                if (better)
                {
                    best = (i, aliasWords.Length, introduced, tool);
                }
            }
        }

        return best?.Tool ?? other;
    }

    private static bool MatchesAt(List<string> words, int at, string[] alias, bool lastIsPrefix)
    {
        if (at + alias.Length > words.Count)
        {
            return false;
        }

        for (var j = 0; j < alias.Length; j++)
        {
            var last = j == alias.Length - 1;
            var ok = last && lastIsPrefix
                ? words[at + j].StartsWith(alias[j], StringComparison.Ordinal)
                : words[at + j] == alias[j];
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        var lower = text.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            // A dot joins digits (4.8, 2.1.150) but separates words (OpenCode.ai = opencode ai).
            var inWord = i < lower.Length && (char.IsLetterOrDigit(lower[i])
                || (lower[i] == '.' && i > 0 && char.IsDigit(lower[i - 1]) && i + 1 < lower.Length && char.IsDigit(lower[i + 1])));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = lower[start..i].Trim('.');
                if (word.Length > 0)
                {
                    words.Add(word);
                }

                start = -1;
            }
        }

        return words;
    }
}
