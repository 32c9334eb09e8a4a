using Countersign.Core.History;
using Countersign.Core.Provenance.Signatures;
using Countersign.Core.Provenance.Trailers;

namespace Countersign.Core.Provenance;

/// <summary>
/// Classifies one commit from its identities and message, plus evidence found elsewhere (git-ai notes, Agent Trace).
/// Pure and thread-safe; runs on every commit of a history, so a commit without markers allocates nothing.
/// <para>
/// Looks at: the author and committer identities; the subject prefix; the final trailer block exactly as
/// <c>git log --format=%(trailers)</c> reads it, plus, with confidence ×<see cref="TailTrailerFactor"/>, the few
/// trailer lines at the very end that git's strict rules miss (see <see cref="TailTrailers"/>); known footers as
/// whole lines near the end; stand-alone human declaration sentences. A plain mention of a tool anywhere else never counts.
/// </para>
/// <para>
/// Status: evidence counts when its confidence is at least <see cref="CountingConfidence"/>; the status is the
/// strongest counting claim (ai &gt; ai-suggested &gt; human-declared), so any AI evidence beats a declaration;
/// no counting evidence is <see cref="ProvenanceStatus.Unknown"/>. Weaker evidence is still returned for display.
/// </para>
/// </summary>
public sealed class ProvenanceClassifier
{
    /// <summary>Evidence below this confidence is shown but decides nothing.</summary>
    public const double CountingConfidence = 0.5;

    /// <summary>Confidence factor for trailer lines right above or inside a last paragraph git does not count as a block.</summary>
    public const double TailTrailerFactor = 0.9;

    /// <summary>Confidence factor for a known trailer key misspelt by one character (<c>Asissted-by:</c>).</summary>
    public const double MisspeltKeyFactor = 0.8;

    /// <summary>Only known keys this long are matched when misspelt: a shorter key's neighbours may be other real trailers.</summary>
    public const int MinMisspeltKeyLength = 9;

    private readonly SignatureMatcher matcher;

    public ProvenanceClassifier(SignatureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        matcher = catalog.Matcher;
    }

    /// <summary>
    /// Classifies a commit. <paramref name="lines"/> is passed through to the result; <paramref name="extraEvidence"/>
    /// (from notes or traces) is combined with the message evidence under the same rules.
    /// </summary>
    public CommitProvenance Classify(GitIdentity author, GitIdentity committer, string message, LineAttribution? lines = null, IReadOnlyList<Evidence>? extraEvidence = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(committer);
        ArgumentNullException.ThrowIfNull(message);

        List<Evidence>? found = null;
        matcher.MatchIdentity(author, EvidenceKind.Author, ref found);
        matcher.MatchIdentity(committer, EvidenceKind.Committer, ref found);
        matcher.MatchSubject(MessageText.Subject(message), ref found);
        var (start, end) = TrailerParser.FindBlock(message, stopAtPatchDivider: false);
        if (start < end)
        {
            matcher.MatchTrailers(TrailerParser.ParseBlock(message, start, end), ref found);
        }

        if (TailTrailers.Find(message, start, end) is { } tail)
        {
            matcher.MatchTrailers(tail, ref found, TailTrailerFactor);
        }

        matcher.MatchFooterZone(message, start, end, ref found);
        matcher.MatchFooters(message, ref found);
        matcher.MatchDeclarations(message, ref found);
        if (extraEvidence is { Count: > 0 })
        {
            // A loop, not a lambda: a closure over 'found' would be allocated on every call, marker or not.
            found ??= [];
            foreach (var e in extraEvidence)
            {
                if (!found.Contains(e))
                {
                    found.Add(e);
                }
            }
        }

        if (found is null)
        {
            return lines is null ? CommitProvenance.Unknown : CommitProvenance.Unknown with { Lines = lines };
        }

        return Decide(found, lines);
    }

    private static CommitProvenance Decide(List<Evidence> evidence, LineAttribution? lines)
    {
        var status = ProvenanceStatus.Unknown;
        foreach (var e in evidence)
        {
            if (e.Confidence >= CountingConfidence && e.Implies > status)
            {
                status = e.Implies;
            }
        }

        // Strongest claim first, then the most confident, then by id, so the order is stable across runs.
        var tools = evidence
            .Where(e => e.Tool is not null && e.Confidence >= CountingConfidence && e.Implies is ProvenanceStatus.Ai or ProvenanceStatus.AiSuggested)
            .GroupBy(e => e.Tool!, StringComparer.Ordinal)
            .Select(g => (Tool: g.Key, Implies: g.Max(e => e.Implies), Confidence: g.Max(e => e.Confidence)))
            .OrderByDescending(t => t.Implies).ThenByDescending(t => t.Confidence).ThenBy(t => t.Tool, StringComparer.Ordinal)
            .Select(t => t.Tool)
            .ToList();
        return new CommitProvenance(status, tools, evidence, lines);
    }
}
