using System.Text.Json;

namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// One Agent Trace record (spec 0.1.0; the reference implementation writes <c>version</c> "1.0").
/// <see cref="Id"/> and <see cref="Version"/> are empty strings when the record lacked them (a warning was reported).
/// <see cref="Metadata"/> is the vendor <c>metadata</c> object, detached from the parsed document.
/// </summary>
public sealed record AgentTraceRecord(
    string Version,
    string Id,
    DateTimeOffset? Timestamp,
    AgentTraceVcs? Vcs,
    AgentTraceTool? Tool,
    IReadOnlyList<AgentTraceFile> Files,
    JsonElement? Metadata = null)
{
    public string? Revision => string.IsNullOrWhiteSpace(Vcs?.Revision) ? null : Vcs.Revision.Trim();
}
