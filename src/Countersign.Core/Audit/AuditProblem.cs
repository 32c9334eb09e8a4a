namespace Countersign.Core.Audit;

/// <summary>What <see cref="AuditVerifier"/> found wrong at one place in the log.</summary>
/// <param name="Sequence">The record where the chain breaks (as stored; for a deletion, the record after the gap).</param>
/// <param name="Kind">modified, deleted, inserted, reordered or broken-link.</param>
/// <param name="Explanation">One sentence naming the record and what is wrong.</param>
public sealed record AuditProblem(long Sequence, string Kind, string Explanation);
