namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// A session (<c>metadata.sessions</c>) or legacy prompt (<c>metadata.prompts</c>) record of a git-ai note,
/// with <c>agent_id</c> flattened. The line counters exist only on prompt records; they are null elsewhere.
/// <see cref="OverriddenLines"/> reads the spec's misspelt <c>overriden_lines</c> (erratum E-001) and the corrected spelling.
/// </summary>
public sealed record GitAiAgentRecord(
    string? Tool,
    string? AgentId,
    string? Model,
    string? HumanAuthor,
    int? AcceptedLines = null,
    int? OverriddenLines = null);
