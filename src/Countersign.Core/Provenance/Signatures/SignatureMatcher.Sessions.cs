using Countersign.Core.Provenance.Trailers;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// The three ways a tool's marker is written that exact keys miss: a <c>&lt;Tool&gt;-Session</c> trailer key, a session
/// link standing alone in the footer, and a known key misspelt by one character.
/// </summary>
internal sealed partial class SignatureMatcher
{
    private readonly List<MarkerRule> sessionUrls = [];
    private readonly Dictionary<string, string> sessionKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> knownKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> misspellable = [];
    private double sessionConfidence;

    /// <summary>
    /// Evidence from the message's footer (<see cref="FooterZone"/>): a session link standing alone on a line
    /// (kind <c>trailer</c> inside git's trailer block, <c>footer</c> elsewhere), and a misspelt key that git does not
    /// read as a trailer at all (<c>Assisted by: Claude</c>).
    /// </summary>
    public void MatchFooterZone(string message, int blockStart, int blockEnd, ref List<Evidence>? found)
    {
        if (sessionUrls.Count == 0 && misspellable.Count == 0)
        {
            return;
        }

        var span = message.AsSpan();
        for (var bol = FooterZone.Start(span, blockStart, blockEnd); bol < span.Length;)
        {
            var nl = span[bol..].IndexOf('\n');
            var next = nl < 0 ? span.Length : bol + nl + 1;
            var line = span[bol..next].Trim();
            var inBlock = bol >= blockStart && bol < blockEnd;
            if (!line.IsEmpty && !AlreadyFound(found, line))
            {
                var url = SessionLink.Find(line);
                if (!url.IsEmpty)
                {
                    foreach (var rule in sessionUrls)
                    {
                        if (rule.PatternMatches(url))
                        {
                            Add(ref found, rule.ToEvidence(inBlock ? EvidenceKind.Trailer : EvidenceKind.Footer, line.ToString()));
                        }
                    }
                }
                else if (misspellable.Count > 0 && TrailerParser.FindSeparator(line) < 0 && LooseKey(line) is var colon and > 0)
                {
                    // Not a trailer to git (a space or '_' in the key): outside git's block, read like a tail trailer.
                    var text = line.ToString();
                    MatchMisspeltKey(text[..colon].Trim(), text[(colon + 1)..].Trim(), text, ref found, inBlock ? 1.0 : ProvenanceClassifier.TailTrailerFactor);
                }
            }

            bol = next;
        }
    }

    /// <summary>
    /// A <c>&lt;tool&gt;-&lt;suffix&gt;</c> key (<c>Cursor-Thread-Id: …</c>) whose value looks like an identifier: evidence
    /// for that tool at the session-trailer confidence.
    /// </summary>
    private bool MatchSessionKey(string key, string value, string text, ref List<Evidence>? found, double confidenceFactor)
    {
        if (!sessionKeys.TryGetValue(key, out var tool) || value.Length < SessionTrailers.MinValueLength || !value.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return false;
        }

        Add(ref found, new Evidence(EvidenceKind.Trailer, tool, Evidence.Bound(text), Math.Round(sessionConfidence * confidenceFactor, 3), ProvenanceStatus.Ai));
        return true;
    }

    /// <summary>
    /// A key one edit away from exactly one known key of at least <see cref="ProvenanceClassifier.MinMisspeltKeyLength"/>
    /// characters, and equal to no known key, is read as that key with confidence
    /// ×<see cref="ProvenanceClassifier.MisspeltKeyFactor"/>; only a value naming a tool or an AI identity counts.
    /// </summary>
    private void MatchMisspeltKey(string key, string value, string text, ref List<Evidence>? found, double confidenceFactor)
    {
        if (key.Length + 1 < ProvenanceClassifier.MinMisspeltKeyLength || knownKeys.Contains(key))
        {
            return;
        }

        string? meant = null;
        foreach (var known in misspellable)
        {
            if (KeyDistance.IsOneEditApart(key, known))
            {
                if (meant is not null)
                {
                    return; // a neighbour of two known keys: ambiguous
                }

                meant = known;
            }
        }

        if (meant is not null)
        {
            MatchTrailer(meant, value, text, ref found, confidenceFactor * ProvenanceClassifier.MisspeltKeyFactor, exactKey: false);
        }
    }

    private void IndexSessionKeys(SignatureCatalog catalog)
    {
        sessionConfidence = catalog.SessionTrailers.Confidence;
        foreach (var tool in catalog.Tools)
        {
            if (tool.Id == ToolNameMatcher.OtherAi)
            {
                continue; // "AI-Session", "LLM-Chat": generic words name no tool
            }

            foreach (var name in tool.Aliases.Where(a => !a.EndsWith('*')).Append(tool.Id))
            {
                var prefix = string.Join('-', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                foreach (var suffix in catalog.SessionTrailers.Suffixes)
                {
                    sessionKeys.TryAdd($"{prefix}-{suffix}", tool.Id);
                }
            }
        }
    }

    private void IndexMisspeltKeys()
    {
        knownKeys.UnionWith(identityTrailers);
        knownKeys.UnionWith(namingTrailers.Keys);
        knownKeys.UnionWith(declarationTrailers.Keys);
        knownKeys.UnionWith(trailerRules.Keys);
        knownKeys.UnionWith(sessionKeys.Keys);
        var valued = trailerRules.Where(r => r.Value.Any(m => m.HasValueCondition)).Select(r => r.Key);
        misspellable.AddRange(identityTrailers.Concat(namingTrailers.Keys).Concat(valued)
            .Where(k => k.Length >= ProvenanceClassifier.MinMisspeltKeyLength)
            .Distinct(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>"Words: value" with a short key of letters, digits, '-', '_' and single spaces: the ':' index, else -1.</summary>
    private static int LooseKey(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0 || colon > SessionLink.MaxLabelLength || !char.IsAsciiLetter(line[0]) || line[(colon + 1)..].Trim().IsEmpty)
        {
            return -1;
        }

        for (var i = 0; i < colon; i++)
        {
            var c = line[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' && !(c == ' ' && line[i - 1] != ' '))
            {
                return -1;
            }
        }

        return colon;
    }

    private static bool AlreadyFound(List<Evidence>? found, ReadOnlySpan<char> line)
    {
        if (found is null)
        {
            return false;
        }

        foreach (var e in found)
        {
            if (line.Equals(e.Text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
