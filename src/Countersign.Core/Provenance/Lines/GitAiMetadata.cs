namespace Countersign.Core.Provenance.Lines;

/// <summary>The metadata section of a git-ai note. <see cref="Readable"/> is false when its JSON could not be parsed.</summary>
internal sealed record GitAiMetadata(
    bool Readable,
    string? SchemaVersion,
    string? BaseCommitSha,
    string? GitAiVersion,
    IReadOnlyDictionary<string, GitAiAgentRecord> Prompts,
    IReadOnlyDictionary<string, GitAiAgentRecord> Sessions,
    IReadOnlyDictionary<string, string> Humans)
{
    public static readonly GitAiMetadata Empty = new(false, null, null, null,
        new Dictionary<string, GitAiAgentRecord>(), new Dictionary<string, GitAiAgentRecord>(), new Dictionary<string, string>());
}
