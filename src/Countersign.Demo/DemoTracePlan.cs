namespace Countersign.Demo;

/// <summary>An Agent Trace record that the commit appends to <c>.agent-trace/traces.jsonl</c> (its revision is filled in when written).</summary>
internal sealed record DemoTracePlan(string Id, string ToolName, string ToolVersion, string ModelId, string ConversationUrl, IReadOnlyList<DemoAddedBlock> Ranges);
