namespace Countersign.Core.Provenance.Lines;

/// <summary><c>tool{name, version}</c>: the tool that wrote the trace, as it names itself (normalise with <see cref="ToolNames"/>).</summary>
public sealed record AgentTraceTool(string? Name, string? Version);
