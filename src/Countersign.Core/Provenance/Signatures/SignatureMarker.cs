namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// One way a tool marks a commit. Which fields apply depends on <see cref="Kind"/> (see the schema at the top of
/// <c>tool-signatures.yaml</c>): identity kinds use <see cref="Identity"/>; <see cref="MarkerKind.Trailer"/> uses
/// <see cref="Key"/> plus optional <see cref="Value"/>, <see cref="ValuePrefix"/>, <see cref="Pattern"/> or
/// <see cref="Identity"/>; <see cref="MarkerKind.Footer"/> uses <see cref="Text"/> or <see cref="Pattern"/>;
/// subject and branch use <see cref="Prefix"/> or <see cref="Pattern"/>.
/// <see cref="Origin"/> says where the marker was declared (<c>file:line</c>), for explanations.
/// </summary>
public sealed record SignatureMarker(
    MarkerKind Kind,
    ProvenanceStatus Status,
    double Confidence,
    IdentityPattern? Identity = null,
    string? Key = null,
    string? Value = null,
    string? ValuePrefix = null,
    string? Text = null,
    string? Prefix = null,
    string? Pattern = null,
    string? Origin = null);
