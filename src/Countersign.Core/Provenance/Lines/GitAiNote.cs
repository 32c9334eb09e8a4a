namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// A parsed git-ai authorship log (the note under <c>refs/notes/ai</c> for one commit).
/// The maps are empty when the metadata section was missing or unreadable.
/// </summary>
public sealed record GitAiNote(
    string? SchemaVersion,
    string? BaseCommitSha,
    string? GitAiVersion,
    IReadOnlyList<GitAiFileAttestation> Files,
    IReadOnlyDictionary<string, GitAiAgentRecord> Prompts,
    IReadOnlyDictionary<string, GitAiAgentRecord> Sessions,
    IReadOnlyDictionary<string, string> Humans)
{
    /// <summary>
    /// The agent behind an AI key: a session key resolves by its session id (the part before <c>::</c>) in
    /// <see cref="Sessions"/>, a legacy key in <see cref="Prompts"/>. Null for human keys and unresolved keys.
    /// </summary>
    public GitAiAgentRecord? ResolveAgent(GitAiAttestation attestation) => attestation.Kind switch
    {
        GitAiKeyKind.Session => Sessions.GetValueOrDefault(SessionId(attestation.Key)),
        GitAiKeyKind.LegacyPrompt => Prompts.GetValueOrDefault(attestation.Key),
        _ => null,
    };

    internal static string SessionId(string key)
    {
        var separator = key.IndexOf("::", StringComparison.Ordinal);
        return separator < 0 ? key : key[..separator];
    }
}
