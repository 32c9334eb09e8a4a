namespace Countersign.Core.Audit;

/// <summary>The head the database records: the last record's sequence number and hash.</summary>
public sealed record AuditHead(long Sequence, string Hash);
