namespace Countersign.Core.Provenance.Lines;

/// <summary>One entry line of a git-ai attestation section: a key and the lines of the file it authored.</summary>
public sealed record GitAiAttestation(string Key, GitAiKeyKind Kind, IReadOnlyList<LineRange> Ranges)
{
    /// <summary>True for session and legacy prompt keys (AI), false for known-human keys.</summary>
    public bool IsAi => Kind != GitAiKeyKind.Human;
}
