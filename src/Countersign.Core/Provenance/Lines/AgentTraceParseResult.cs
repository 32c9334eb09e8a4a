using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>The records that could be read, in input order, and the problems found on the way.</summary>
public sealed record AgentTraceParseResult(IReadOnlyList<AgentTraceRecord> Records, IReadOnlyList<Diagnostic> Diagnostics);
