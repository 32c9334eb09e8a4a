using Countersign.Core.Policy;
using System.Text.Json;
using Countersign.Core.SignOffs;
using Countersign.Contracts;

namespace Countersign.Server.Data;

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

/// <summary>A row of <c>revisions</c>.</summary>
internal sealed class RevisionRow
{
    public long ChangeId { get; set; }

    public int Number { get; set; }

    public string HeadSha { get; set; } = "";

    public string BaseSha { get; set; } = "";

    public string PatchId { get; set; } = "";

    public string Facts { get; set; } = "";

    public string FactsHash { get; set; } = "";

    public string Policy { get; set; } = "";

    public string PolicyHash { get; set; } = "";

    public string CreatedAt { get; set; } = "";
}

/// <summary>What is stored as a revision's policy: the bundle and the repository's .mailmap.</summary>
public sealed record StoredPolicy(PolicyBundle Bundle, string? Mailmap);

/// <summary>A row of <c>signoffs</c>.</summary>
internal sealed class SignOffRow
{
    public string Id { get; set; } = "";

    public long ChangeId { get; set; }

    public string Repository { get; set; } = "";

    public string ChangeKey { get; set; } = "";

    public string PersonId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string PatchId { get; set; } = "";

    public string FilePatchIds { get; set; } = "{}";

    public string HeadSha { get; set; } = "";

    public string At { get; set; } = "";

    public string? Comment { get; set; }

    public int Revision { get; set; }

    public string Rules { get; set; } = "[]";

    public string Attestation { get; set; } = "";

    public string? DismissedAt { get; set; }

    public string? DismissedReason { get; set; }

    public static string KindName(SignOffKind kind) => kind switch
    {
        SignOffKind.Approve => "approve",
        SignOffKind.Reject => "reject",
        _ => "break-glass",
    };

    public SignOffView View() => new(
        Id, ChangeKey, PersonId,
        Kind switch { "approve" => SignOffKind.Approve, "reject" => SignOffKind.Reject, _ => SignOffKind.BreakGlass },
        PatchId, JsonSerializer.Deserialize<Dictionary<string, string>>(FilePatchIds) ?? [], HeadSha, Db.ParseTime(At), Comment, Revision,
        JsonSerializer.Deserialize<List<string>>(Rules) ?? [], DismissedAt is null ? null : Db.ParseTime(DismissedAt), DismissedReason);
}
