namespace Countersign.Core.Provenance.Lines;

/// <summary>A file of a trace record, path relative to the repository root.</summary>
public sealed record AgentTraceFile(string Path, IReadOnlyList<AgentTraceConversation> Conversations);
