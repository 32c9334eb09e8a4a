namespace Countersign.Core.Audit;

/// <summary>A chained record as the state reconciliation reads it: the columns it needs, as stored (garbled ones are skipped here; the chain names them).</summary>
public sealed record AuditStateEvent(string? Sequence, string? Kind, string? Content);
