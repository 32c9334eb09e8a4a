using Countersign.Core.SignOffs;

namespace Countersign.Contracts;

/// <summary>A recorded sign-off as the API shows it.</summary>
public sealed record SignOffView(
    string Id,
    string ChangeKey,
    string PersonId,
    SignOffKind Kind,
    string PatchId,
    IReadOnlyDictionary<string, string> FilePatchIds,
    string HeadSha,
    DateTimeOffset At,
    string? Comment,
    int Revision,
    IReadOnlyList<string> Rules,
    DateTimeOffset? DismissedAt,
    string? DismissedReason)
{
    public SignOff ToSignOff() => new(Id, ChangeKey, PersonId, Kind, PatchId, FilePatchIds, HeadSha, At, Comment);
}
