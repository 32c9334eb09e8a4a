namespace Countersign.Core.Audit;

/// <summary>One row of the head table as stored (the chain's last sequence and hash, kept beside the log so a deleted tail shows).</summary>
/// <param name="Id">The id column as text (the one head row has id 1).</param>
/// <param name="Sequence">The sequence column as text.</param>
/// <param name="Hash">The hash column.</param>
public sealed record AuditHeadRow(string? Id, string? Sequence, string? Hash);
