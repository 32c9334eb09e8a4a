namespace Countersign.Core.Audit;

/// <summary>What <see cref="AuditVerifier"/> found wrong at one place in the log or the state it vouches for.</summary>
/// <param name="Sequence">The record concerned (as stored; for a deletion, the record after the gap); 0 when no record is (a state row nothing accounts for, the head row).</param>
/// <param name="Kind">
/// The chain: <c>malformed</c>, <c>modified</c>, <c>deleted</c>, <c>inserted</c>, <c>reordered</c>, <c>broken-link</c>,
/// <c>head-missing</c>. The state: <c>unaccounted-row</c> (a row no record vouches for), <c>missing-row</c> (a record whose
/// row is gone), <c>row-differs</c> (a row whose field is not what the chain recorded).
/// </param>
/// <param name="Explanation">One sentence naming the record or row and what is wrong.</param>
/// <param name="Subject">The state row concerned (<c>signoff:ID</c>, <c>change:ID</c>, …), if any.</param>
/// <param name="Field">The column or field concerned, if one is.</param>
public sealed record AuditProblem(long Sequence, string Kind, string Explanation, string? Subject = null, string? Field = null);
