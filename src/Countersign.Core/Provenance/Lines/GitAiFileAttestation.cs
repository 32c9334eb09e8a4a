namespace Countersign.Core.Provenance.Lines;

/// <summary>A file of a git-ai attestation section (path unquoted) and its entries. Lines no entry lists are unknown.</summary>
public sealed record GitAiFileAttestation(string Path, IReadOnlyList<GitAiAttestation> Entries);
