namespace Countersign.Core.Provenance;

/// <summary>
/// The provenance verdict for one commit: its status, the tools involved, every piece of evidence, and
/// line-level attribution where notes or traces exist.
/// </summary>
public sealed record CommitProvenance(
    ProvenanceStatus Status,
    IReadOnlyList<string> Tools,
    IReadOnlyList<Evidence> Evidence,
    LineAttribution? Lines = null)
{
    public static readonly CommitProvenance Unknown = new(ProvenanceStatus.Unknown, [], []);

    /// <summary>True exactly when <see cref="Status"/> is <see cref="ProvenanceStatus.Ai"/>.</summary>
    public bool Assisted => Status == ProvenanceStatus.Ai;

    /// <summary>The strongest evidence's confidence, or 0 when there is none.</summary>
    public double Confidence => Evidence.Count == 0 ? 0 : Evidence.Max(e => e.Confidence);
}
