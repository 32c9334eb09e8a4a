using System.Text.Json;
using Countersign.Contracts;

namespace Countersign.Data;

/// <summary>A row of <c>changes</c> (Dapper maps snake_case columns onto these properties).</summary>
internal sealed class ChangeRow
{
    public long Id { get; set; }

    public string Repository { get; set; } = "";

    public string ChangeKey { get; set; } = "";

    public string? Title { get; set; }

    public string? AuthorId { get; set; }

    public string? AuthorLevel { get; set; }

    public int Revision { get; set; }

    public string HeadSha { get; set; } = "";

    public string PatchId { get; set; } = "";

    public string Status { get; set; } = "";

    public string Summary { get; set; } = "";

    public double Risk { get; set; }

    public string BlastClass { get; set; } = "";

    public string Provenance { get; set; } = "";

    public string Tools { get; set; } = "[]";

    public double? AiShare { get; set; }

    public string CreatedAt { get; set; } = "";

    public string UpdatedAt { get; set; } = "";

    public IReadOnlyList<string> ToolList => JsonSerializer.Deserialize<List<string>>(Tools) ?? [];

    public ChangeView View(IReadOnlyList<SignOffView> signOffs, System.Text.Json.Nodes.JsonNode? result, bool passed) => new(
        Id, Repository, ChangeKey, Title, Revision, HeadSha, PatchId, Status, passed, Summary, AuthorId, AuthorLevel, Provenance, ToolList, AiShare,
        BlastClass, Risk, Db.ParseTime(CreatedAt), Db.ParseTime(UpdatedAt), signOffs, result);

    public QueueEntry Entry(DateTimeOffset now) => new(
        Id, Repository, ChangeKey, Title, Status, Summary, AuthorId, AuthorLevel, Provenance, ToolList, AiShare, BlastClass, Risk,
        Db.ParseTime(CreatedAt), now - Db.ParseTime(CreatedAt));
}
