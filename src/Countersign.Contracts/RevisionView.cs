namespace Countersign.Contracts;

/// <summary>One revision of a change: its content (head and patch identity) and when the server first saw it.</summary>
public sealed record RevisionView(int Number, string HeadSha, string BaseSha, string PatchId, DateTimeOffset CreatedAt);
