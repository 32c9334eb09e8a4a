namespace Countersign.Core.Provenance;

/// <summary>
/// One observation supporting a provenance classification.
/// <see cref="Text"/> is the matched input, truncated to <see cref="MaxTextLength"/> characters: it is untrusted.
/// <see cref="Confidence"/> is in [0, 1]; <see cref="Implies"/> is the status this evidence alone would give.
/// <see cref="Tool"/> is a tool id from the signature catalog, or null for a human declaration.
/// </summary>
public sealed record Evidence(EvidenceKind Kind, string? Tool, string Text, double Confidence, ProvenanceStatus Implies)
{
    public const int MaxTextLength = 200;

    /// <summary>Bounds untrusted text for storage and display: single line, at most <see cref="MaxTextLength"/> chars.</summary>
    public static string Bound(string text)
    {
        return Core.Text.UntrustedText.Bound(text.ReplaceLineEndings(" ").Trim(), MaxTextLength);
    }
}
