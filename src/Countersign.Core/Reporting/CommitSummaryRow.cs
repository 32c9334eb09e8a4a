using Countersign.Core.Provenance;

namespace Countersign.Core.Reporting;

/// <summary>The facts about one commit that the scan report aggregates.</summary>
public sealed record CommitSummaryRow(
    string Sha,
    string AuthorName,
    string AuthorEmail,
    DateTimeOffset AuthorTime,
    bool IsMerge,
    ProvenanceStatus Status,
    IReadOnlyList<string> Tools,
    bool Unreadable,
    long? AiLines,
    long? HumanLines,
    long? UnknownLines);
