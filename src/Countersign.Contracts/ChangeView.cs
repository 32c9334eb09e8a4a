using System.Text.Json.Nodes;
using Countersign.Core.SignOffs;

namespace Countersign.Contracts;

/// <summary>A change with its current revision and the server's evaluation of it.</summary>
public sealed record ChangeView(
    long Id,
    string Repository,
    string Key,
    string? Title,
    int Revision,
    string HeadSha,
    string PatchId,
    string Status,
    bool Passed,
    string Summary,
    string? AuthorId,
    string? AuthorLevel,
    string Provenance,
    IReadOnlyList<string> Tools,
    double? AiShare,
    string BlastClass,
    double Risk,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<SignOffView> SignOffs,
    JsonNode? Result);
