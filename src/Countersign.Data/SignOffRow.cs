using System.Text.Json;
using Countersign.Contracts;
using Countersign.Core.SignOffs;

namespace Countersign.Data;

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
