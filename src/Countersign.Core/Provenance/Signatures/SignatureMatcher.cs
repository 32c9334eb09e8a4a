// Over 300 lines on purpose: the compiled catalog's indexes (by e-mail, login, trailer key, literal prefix) and the
// match methods that use them form the scanner's hot path; kept together so an index and its only reader change as one.
using System.Buffers;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Countersign.Core.History;
using Countersign.Core.Provenance.Trailers;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// A <see cref="SignatureCatalog"/> compiled once for evaluating many commits: identity rules indexed by e-mail and
/// login, trailer rules by key, regexes compiled with the non-backtracking engine. Each Match method appends evidence
/// to a list it creates only when something matches, so a commit without markers allocates nothing here.
/// </summary>
internal sealed partial class SignatureMatcher
{
    /// <summary>How many non-empty lines from the end of a message may hold a footer.</summary>
    public const int FooterWindow = 15;

    private const int MaxCompiled = 512;
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    private readonly IdentityIndex<MarkerRule> identities = new();
    private readonly IdentityIndex<bool> automation = new();
    private readonly Dictionary<string, List<MarkerRule>> trailerRules = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> identityTrailers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, NamingTrailer> namingTrailers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> declarationTrailers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MarkerRule> footers = [];
    private readonly List<MarkerRule> subjects = [];
    private readonly List<MarkerRule> branches = [];
    private readonly ToolNameMatcher names;
    private readonly string[] sentences;

    /// <summary>
    /// All declaration sentences at once (vectorised, case-insensitive), to skip the per-sentence search for the
    /// messages that hold none of them: almost every message, and that search is the classifier's largest cost.
    /// Null when a sentence is empty (it matches anywhere, so nothing can be skipped).
    /// </summary>
    private readonly SearchValues<string>? anySentence;
    private readonly double declarationConfidence;

    public SignatureMatcher(SignatureCatalog catalog)
    {
        foreach (var tool in catalog.Tools)
        {
            foreach (var marker in tool.Markers)
            {
                var rule = new MarkerRule(tool.Id, marker);
                switch (marker.Kind)
                {
                    case MarkerKind.Trailer:
                        if (!trailerRules.TryGetValue(marker.Key!, out var list))
                        {
                            trailerRules[marker.Key!] = list = [];
                        }

                        list.Add(rule);
                        break;
                    case MarkerKind.Footer:
                        footers.Add(rule);
                        break;
                    case MarkerKind.Subject:
                        subjects.Add(rule);
                        break;
                    case MarkerKind.Branch:
                        branches.Add(rule);
                        break;
                    case MarkerKind.SessionUrl:
                        sessionUrls.Add(rule);
                        break;
                    default:
                        identities.Add(rule.Identity!, rule);
                        break;
                }
            }
        }

        foreach (var pattern in catalog.Automation)
        {
            automation.Add(new CompiledIdentity(pattern), true);
        }

        identityTrailers.UnionWith(catalog.IdentityTrailers);
        foreach (var naming in catalog.NamingTrailers)
        {
            namingTrailers[naming.Key] = naming;
            identityTrailers.Add(naming.Key);
        }

        foreach (var declaration in catalog.Declarations.Trailers)
        {
            if (!declarationTrailers.TryGetValue(declaration.Key, out var values))
            {
                declarationTrailers[declaration.Key] = values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            values.UnionWith(declaration.Values.Select(v => v.Trim()));
        }

        names = new ToolNameMatcher(catalog.Tools);
        IndexSessionKeys(catalog);
        IndexMisspeltKeys();
        sentences = [.. catalog.Declarations.Sentences];
        anySentence = sentences.Length > 0 && sentences.All(s => s.Length > 0) ? SearchValues.Create(sentences, StringComparison.OrdinalIgnoreCase) : null;
        declarationConfidence = catalog.Declarations.Confidence;
    }

    /// <summary>
    /// The catalog's regex engine: case-insensitive, non-backtracking (no input can make a match slow). Building one
    /// costs milliseconds (its character classes become decision diagrams), so each pattern is built once per process:
    /// validating a file and matching with it share the instance (a <see cref="Regex"/> is safe to share across threads).
    /// </summary>
    internal static Regex CompileRegex(string pattern)
    {
        if (Compiled.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

        // Bounded: patterns come from a handful of catalog files, but a fuzzer feeds the reader millions.
        return Compiled.Count < MaxCompiled ? Compiled.GetOrAdd(pattern, regex) : regex;
    }

    public void MatchIdentity(GitIdentity identity, EvidenceKind where, ref List<Evidence>? found)
    {
        var state = new IdentityMatch(found, where, identity, null, 1.0);
        identities.Match(identity.Name, identity.Email, ref state, static (ref IdentityMatch s, MarkerRule rule) =>
        {
            var applies = rule.Marker.Kind == MarkerKind.Identity
                || (rule.Marker.Kind == MarkerKind.Author && s.Where == EvidenceKind.Author)
                || (rule.Marker.Kind == MarkerKind.Committer && s.Where == EvidenceKind.Committer)
                || (rule.Marker.Kind == MarkerKind.CoAuthor && s.Where == EvidenceKind.Trailer);
            if (applies)
            {
                Add(ref s.Found, rule.ToEvidence(s.Where, s.Text ?? s.Identity!.ToString()));
            }
        });
        found = state.Found;
    }

    public void MatchSubject(ReadOnlySpan<char> subject, ref List<Evidence>? found)
    {
        foreach (var rule in subjects)
        {
            if (rule.MatchesPrefixOrPattern(subject))
            {
                Add(ref found, rule.ToEvidence(EvidenceKind.Subject, subject.ToString()));
            }
        }
    }

    public List<Evidence> MatchBranch(string branch)
    {
        List<Evidence>? found = null;
        foreach (var rule in branches)
        {
            if (rule.MatchesPrefixOrPattern(branch))
            {
                Add(ref found, rule.ToEvidence(EvidenceKind.Branch, branch));
            }
        }

        return found ?? [];
    }

    /// <summary>
    /// Evaluates each trailer, first match wins per trailer: explicit trailer markers, then an AI identity in an
    /// identity trailer, then a human declaration, then a naming trailer's free-form value; failing those, a
    /// <c>&lt;Tool&gt;-Session</c> key, then a one-character misspelling of a known key (see
    /// <see cref="MatchMisspeltKey"/>). Every confidence is multiplied by <paramref name="confidenceFactor"/> (lower for
    /// trailers outside git's final block).
    /// </summary>
    public void MatchTrailers(IReadOnlyList<Trailer> trailers, ref List<Evidence>? found, double confidenceFactor = 1.0)
    {
        foreach (var trailer in trailers)
        {
            var text = trailer.ToString();
            if (!MatchTrailer(trailer.Key, trailer.Value, text, ref found, confidenceFactor, exactKey: true)
                && !MatchSessionKey(trailer.Key, trailer.Value, text, ref found, confidenceFactor))
            {
                MatchMisspeltKey(trailer.Key, trailer.Value, text, ref found, confidenceFactor);
            }
        }
    }

    /// <summary>
    /// One trailer read under <paramref name="key"/>; true when it gave evidence. With <paramref name="exactKey"/> false
    /// (a misspelt key read as the known one) only a value naming a tool counts: markers without a value condition,
    /// declarations and affirmatives ("yes") are skipped.
    /// </summary>
    private bool MatchTrailer(string key, string value, string text, ref List<Evidence>? found, double confidenceFactor, bool exactKey)
    {
        var before = found?.Count ?? 0;
        MessageText.SplitIdentity(value, out var name, out var email);
        if (trailerRules.TryGetValue(key, out var rules))
        {
            foreach (var rule in rules)
            {
                if ((exactKey || rule.HasValueCondition) && rule.MatchesTrailerValue(value, name, email))
                {
                    Add(ref found, rule.ToEvidence(EvidenceKind.Trailer, text, confidenceFactor));
                }
            }
        }

        if ((found?.Count ?? 0) == before && !email.IsEmpty && identityTrailers.Contains(key))
        {
            var state = new IdentityMatch(found, EvidenceKind.Trailer, null, text, confidenceFactor);
            identities.Match(name, email, ref state, static (ref IdentityMatch s, MarkerRule rule) =>
            {
                if (rule.Marker.Kind is MarkerKind.Identity or MarkerKind.CoAuthor)
                {
                    Add(ref s.Found, rule.ToEvidence(EvidenceKind.Trailer, s.Text!, s.Factor));
                }
            });
            found = state.Found;
        }

        if ((found?.Count ?? 0) != before)
        {
            return true;
        }

        if (exactKey && declarationTrailers.TryGetValue(key, out var declared) && declared.Contains(value))
        {
            Add(ref found, new Evidence(EvidenceKind.Trailer, null, Evidence.Bound(text), Math.Round(declarationConfidence * confidenceFactor, 3), ProvenanceStatus.HumanDeclared));
        }
        else if (email.IsEmpty && namingTrailers.TryGetValue(key, out var naming))
        {
            // A value with an e-mail was decided by the e-mail alone above: a human's address names no AI.
            var tool = names.Resolve(value)
                ?? (exactKey && naming.Affirmatives.Contains(value, StringComparer.OrdinalIgnoreCase) ? ToolNameMatcher.OtherAi : null);
            if (tool is not null)
            {
                Add(ref found, new Evidence(EvidenceKind.Trailer, tool, Evidence.Bound(text), Math.Round(naming.Confidence * confidenceFactor, 3), ProvenanceStatus.Ai));
            }
        }

        return (found?.Count ?? 0) != before;
    }

    /// <summary>
    /// Footers count only as a whole line among the last <see cref="FooterWindow"/> non-empty lines (never the subject),
    /// not quoted with '>' and not inside a fenced code block.
    /// </summary>
    public void MatchFooters(string message, ref List<Evidence>? found)
    {
        if (footers.Count == 0)
        {
            return;
        }

        var span = message.AsSpan();
        var seen = 0;
        for (var end = span.Length; end > 0 && seen < FooterWindow;)
        {
            var nl = span[..end].LastIndexOf('\n');
            var start = nl + 1;
            var line = span[start..end].Trim();
            end = nl < 0 ? 0 : nl;
            if (line.IsEmpty)
            {
                continue;
            }

            seen++;
            if (start == 0 || line[0] == '>')
            {
                continue;
            }

            var stripped = MessageText.StripLeadingSymbols(line);
            foreach (var rule in footers)
            {
                if (rule.MatchesFooter(line, stripped) && !MessageText.IsInsideFence(span, start))
                {
                    Add(ref found, rule.ToEvidence(EvidenceKind.Footer, line.ToString()));
                }
            }
        }
    }

    /// <summary>
    /// A declaration sentence counts when it stands alone: at the start of a body line (optionally a bullet or a
    /// checked box "- [x]") or right after another sentence's end, and followed only by "."/"!" and the line end or
    /// the next sentence. Quoted ('>' or quote marks), fenced and unchecked-box occurrences do not count.
    /// </summary>
    public void MatchDeclarations(string message, ref List<Evidence>? found)
    {
        var span = message.AsSpan();
        var bodyStart = span.IndexOf('\n') + 1;
        if (bodyStart == 0 || (anySentence is not null && span[bodyStart..].IndexOfAny(anySentence) < 0))
        {
            return;
        }

        foreach (var sentence in sentences)
        {
            for (var from = bodyStart; from < span.Length;)
            {
                var i = span[from..].IndexOf(sentence, StringComparison.OrdinalIgnoreCase);
                if (i < 0)
                {
                    break;
                }

                var at = from + i;
                if (StandsAlone(span, at, sentence.Length) && !MessageText.IsInsideFence(span, at))
                {
                    var lineStart = span[..at].LastIndexOf('\n') + 1;
                    var lineEnd = span[at..].IndexOf('\n');
                    var line = span[lineStart..(lineEnd < 0 ? span.Length : at + lineEnd)];
                    Add(ref found, new Evidence(EvidenceKind.Body, null, Evidence.Bound(line.ToString()), declarationConfidence, ProvenanceStatus.HumanDeclared));
                    return;
                }

                from = at + 1;
            }
        }
    }

    public bool IsAutomation(GitIdentity identity) =>
        !identities.Any(identity.Name, identity.Email) && automation.Any(identity.Name, identity.Email);

    private static bool StandsAlone(ReadOnlySpan<char> text, int at, int length)
    {
        var lineStart = text[..at].LastIndexOf('\n') + 1;
        var before = text[lineStart..at];
        var lead = before.Trim();
        var startsSentence = lead.IsEmpty || lead is "-" or "*" || lead.Equals("- [x]", StringComparison.OrdinalIgnoreCase)
            || lead.Equals("* [x]", StringComparison.OrdinalIgnoreCase) || lead.Equals("[x]", StringComparison.OrdinalIgnoreCase)
            || (lead[^1] is '.' or '!' or '?' && before.Length > 0 && char.IsWhiteSpace(before[^1]) && lead[0] is not '>' and not '"' and not '\'');
        if (!startsSentence)
        {
            return false;
        }

        var lineEnd = text[at..].IndexOf('\n');
        var rest = text[(at + length)..(lineEnd < 0 ? text.Length : at + lineEnd)];
        var punctuated = rest.Length > 0 && rest[0] is '.' or '!';
        if (punctuated)
        {
            rest = rest[1..];
        }

        return rest.Trim().IsEmpty || (punctuated && char.IsWhiteSpace(rest[0]));
    }

    private static void Add(ref List<Evidence>? found, Evidence evidence)
    {
        found ??= [];
        if (!found.Contains(evidence))
        {
            found.Add(evidence);
        }
    }

    private struct IdentityMatch(List<Evidence>? found, EvidenceKind where, GitIdentity? identity, string? text, double factor)
    {
        public List<Evidence>? Found = found;
        public readonly EvidenceKind Where = where;
        public readonly GitIdentity? Identity = identity;
        public readonly string? Text = text;
        public readonly double Factor = factor;
    }
}
