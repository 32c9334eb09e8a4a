namespace Countersign.Core.Audit;

/// <summary>
/// One entry of the append-only audit log. <see cref="Hash"/> commits to <see cref="PreviousHash"/> and to the
/// canonical encoding of every other field (see <see cref="AuditChain"/>), so changing, removing, inserting or
/// reordering any record breaks the chain at a place <see cref="AuditVerifier"/> names.
/// </summary>
/// <param name="Sequence">1 for the first record, then consecutive.</param>
/// <param name="At">When the state change happened (UTC).</param>
/// <param name="Kind">What happened: <c>change.registered</c>, <c>signoff.recorded</c>, <c>deploy.decided</c>, …</param>
/// <param name="Actor">Who did it: a person id, a token id, <c>system</c>.</param>
/// <param name="Content">The record's data as canonical JSON (<see cref="CanonicalJson"/>).</param>
/// <param name="PreviousHash">The previous record's hash; <see cref="AuditChain.Genesis"/> for the first.</param>
/// <param name="Hash">Lower-case hex SHA-256 over the previous hash and the canonical encoding of this record.</param>
public sealed record AuditRecord(long Sequence, DateTimeOffset At, string Kind, string Actor, string Content, string PreviousHash, string Hash);
