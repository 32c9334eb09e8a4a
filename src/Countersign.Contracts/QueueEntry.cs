namespace Countersign.Contracts;

/// <summary>A queue entry: a change waiting for sign-offs, in brief.</summary>
public sealed record QueueEntry(
    long Id,
    string Repository,
    string Key,
    string? Title,
    string Status,
    string Summary,
    string? AuthorId,
    string? AuthorLevel,
    string Provenance,
    IReadOnlyList<string> Tools,
    double? AiShare,
    string BlastClass,
    double Risk,
    DateTimeOffset CreatedAt,
    TimeSpan Waiting);
