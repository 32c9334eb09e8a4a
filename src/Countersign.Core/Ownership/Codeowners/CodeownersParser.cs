using System.Globalization;
using System.Text.RegularExpressions;
using Countersign.Core.Diagnostics;
using Countersign.Core.Text;

namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// Parses CODEOWNERS text in GitHub's or GitLab's dialect. Pure: the caller reads the file (see
/// <see cref="CodeownersLocator"/>) and passes its contents. Problems are returned as diagnostics with
/// line and column; a line with an error is skipped and the rest of the file still applies, as on both forges.
/// </summary>
public static partial class CodeownersParser
{
    public static CodeownersParseResult Parse(string text, string source, CodeownersFlavor flavor)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var state = new State(source, flavor);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            var start = 0;
            while (start < line.Length && line[start] is ' ' or '\t')
            {
                start++;
            }

            if (start == line.Length || line[start] == '#')
            {
                continue;
            }

            var isHeader = line[start] == '[' || (line[start] == '^' && start + 1 < line.Length && line[start + 1] == '[');
            if (flavor == CodeownersFlavor.GitLab && isHeader)
            {
                state.ParseHeader(line, start, i + 1);
            }
            else
            {
                state.ParseRule(line, start, i + 1, isHeader);
            }
        }

        return new CodeownersParseResult(state.Build(), state.Diagnostics);
    }

    [GeneratedRegex(@"^(\^)?\[([^\]]*)\](?:\[([^\]]*)\])?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    private sealed class State(string source, CodeownersFlavor flavor)
    {
        private readonly CodeownersSectionBuilder unnamed = new("", 1, false, [], null);
        private readonly Dictionary<string, CodeownersSectionBuilder> byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<CodeownersSectionBuilder> order = [];
        private CodeownersSectionBuilder? current;
        private IReadOnlyList<string> currentDefaults = [];

        public List<Diagnostic> Diagnostics { get; } = [];

        public CodeownersFile Build()
        {
            var sections = new List<CodeownersSection>();
            if (flavor == CodeownersFlavor.GitHub || unnamed.Rules.Count > 0)
            {
                sections.Add(unnamed.Build());
            }

            sections.AddRange(order.Select(s => s.Build()));
            return new CodeownersFile(source, flavor, sections);
        }

        public void ParseHeader(string line, int start, int lineNo)
        {
            var m = Header().Match(line[start..]);
            if (!m.Success)
            {
                Error("section header is missing its closing ']'; the line is skipped", lineNo, start + 1, "section");
                return;
            }

            var optional = m.Groups[1].Success;
            var nameGroup = m.Groups[2];
            var name = nameGroup.Value.Trim();
            if (name.Length == 0)
            {
                Error("section name is empty; the line is skipped", lineNo, start + nameGroup.Index + 1, "section");
                return;
            }

            var approvals = 1;
            if (m.Groups[3] is { Success: true } count
                && (!int.TryParse(count.Value, NumberStyles.None, CultureInfo.InvariantCulture, out approvals) || approvals < 1))
            {
                Error($"required approvals '[{count.Value}]' must be a whole number of at least 1; 1 is used", lineNo, start + count.Index + 1, "approvals");
                approvals = 1;
            }

            var rest = m.Groups[4];
            IReadOnlyList<string> defaults = [];
            if (rest.Length > 0 && rest.Value[0] is not (' ' or '\t'))
            {
                Error($"unexpected text '{rest.Value.Trim()}' after the section header; the section has no default owners", lineNo, start + rest.Index + 1, "section");
            }
            else
            {
                defaults = ValidOwners(CodeownersTokenizer.Tokenize(line, start + rest.Index, out _), lineNo, dropInvalid: true)!;
            }

            OpenSection(name, approvals, optional, defaults, lineNo, m.Groups[3].Success);
        }

        public void ParseRule(string line, int start, int lineNo, bool looksLikeHeader)
        {
            var tokens = CodeownersTokenizer.Tokenize(line, start, out var commentColumn);
            if (commentColumn is { } hash && flavor == CodeownersFlavor.GitHub)
            {
                Warning("text from '#' to the end of the line is read as a comment; GitHub's documentation does not promise inline comments (github/docs#1407)", lineNo, hash, "comment");
            }

            var pattern = tokens[0];
            var isExclusion = pattern.Text.StartsWith('!');
            if (isExclusion && flavor == CodeownersFlavor.GitHub)
            {
                Error("GitHub does not support '!' negation in CODEOWNERS; the line is skipped", lineNo, pattern.Column, "pattern");
                return;
            }

            if (PatternProblem(isExclusion ? pattern.Text[1..] : pattern.Text, looksLikeHeader) is var (message, offset))
            {
                Error(message + "; the line is skipped", lineNo, pattern.Column + offset + (isExclusion ? 1 : 0), "pattern");
                return;
            }

            if (ValidOwners(tokens.Skip(1), lineNo, dropInvalid: false) is not { } owners)
            {
                return;
            }

            var inherits = false;
            if (isExclusion && owners.Count > 0)
            {
                Warning("owners after an exclusion are ignored: an excluded path has no owners in this section", lineNo, tokens[1].Column, "owner");
                owners = [];
            }
            else if (!isExclusion && owners.Count == 0 && flavor == CodeownersFlavor.GitLab)
            {
                if (currentDefaults.Count > 0)
                {
                    owners = currentDefaults;
                    inherits = true;
                }
                else
                {
                    Warning("no owners and no section default owners (GitLab reports 'zero owners'); matching paths have no owner in this section", lineNo, pattern.Column, "owner");
                }
            }

            (current ?? unnamed).Rules.Add(new CodeownersRule(lineNo, pattern.Text, owners, isExclusion, inherits));
        }

        private void OpenSection(string name, int approvals, bool optional, IReadOnlyList<string> defaults, int lineNo, bool declaredApprovals)
        {
            currentDefaults = defaults;
            if (byName.TryGetValue(name, out var existing))
            {
                if (existing.IsOptional != optional || (declaredApprovals && existing.DeclaredApprovals != approvals))
                {
                    Warning($"section '{name}' repeats '{existing.Name}' from line {existing.Line} with different settings; same-named sections are merged and the first header's settings are kept", lineNo, 1, "section");
                }

                current = existing;
                return;
            }

            current = new CodeownersSectionBuilder(name, approvals, optional, defaults, lineNo);
            byName[name] = current;
            order.Add(current);
        }

        /// <summary>
        /// The owner words, or null when one is invalid and <paramref name="dropInvalid"/> is false
        /// (the line is then skipped, as GitHub does). Each invalid owner gets an error.
        /// </summary>
        private IReadOnlyList<string>? ValidOwners(IEnumerable<CodeownersToken> tokens, int lineNo, bool dropInvalid)
        {
            var owners = new List<string>();
            var valid = true;
            foreach (var token in tokens)
            {
                if (CodeownersOwnerSyntax.IsValid(token.Text, flavor))
                {
                    owners.Add(token.Text);
                    continue;
                }

                valid = false;
                var consequence = dropInvalid ? "it is ignored" : "the line is skipped";
                Error($"'{UntrustedText.Bound(token.Text, 120)}' is not a valid owner (expected {CodeownersOwnerSyntax.Expected(flavor)}); {consequence}", lineNo, token.Column, "owner");
            }

            return valid || dropInvalid ? owners : null;
        }

        /// <summary>What the flavor cannot accept in a pattern, with the 0-based offset of the culprit.</summary>
        private (string Message, int Offset)? PatternProblem(string pattern, bool looksLikeHeader)
        {
            if (pattern.Length == 0)
            {
                return ("an exclusion needs a pattern after '!'", 0);
            }

            var trailing = pattern.Length - pattern.TrimEnd('\\').Length;
            if (trailing % 2 == 1)
            {
                return ("the pattern ends with a lone '\\'", pattern.Length - 1);
            }

            var github = flavor == CodeownersFlavor.GitHub;
            if (github && pattern.StartsWith("\\#", StringComparison.Ordinal))
            {
                return ("GitHub does not support escaping a leading '#' with '\\'", 0);
            }

            if (github && pattern == "/")
            {
                return ("the pattern '/' never matches anything; did you mean '*'?", 0);
            }

            for (var i = 0; i < pattern.Length; i++)
            {
                switch (pattern[i])
                {
                    case '\\':
                        i++;
                        break;
                    case '[' when github:
                        return (looksLikeHeader
                            ? "GitHub does not support GitLab section headers or '[ ]' character ranges"
                            : "GitHub does not support '[ ]' character ranges", i);
                    case '*' when github && i + 2 < pattern.Length && pattern[i + 1] == '*' && pattern[i + 2] == '*':
                        return ("'***' is not a valid wildcard", i);
                    case '/' when i + 1 < pattern.Length && pattern[i + 1] == '/':
                        return ("the pattern has an empty path segment ('//')", i);
                }
            }

            return null;
        }

        private void Error(string message, int line, int column, string field) =>
            Diagnostics.Add(Diagnostic.Error(source, message, line, column, field));

        private void Warning(string message, int line, int column, string field) =>
            Diagnostics.Add(Diagnostic.Warning(source, message, line, column, field));
    }
}
