using Countersign.Core.SignOffs;

namespace Countersign.Server.Evaluation;

/// <summary>
/// A sign-off to record (<see cref="SignOffService.RecordAsync"/>): who gives it, on which change, bound to which
/// content. The API's sign-offs name the content they saw (<see cref="PatchId"/>: the current revision's, or a
/// conflict); a forge's review names the revision whose head the reviewer saw (<see cref="Revision"/>), and the
/// policy's staleness rule then decides whether it still applies to the current content.
/// </summary>
/// <param name="ChangeId">The change.</param>
/// <param name="Kind">Approve, reject or break-glass.</param>
/// <param name="PersonId">The directory person giving it.</param>
/// <param name="Actor">Who, for the audit record: <c>token:ID</c>, <c>github:LOGIN</c>, <c>gitlab:USERNAME</c>.</param>
/// <param name="Comment">The reviewer's words (untrusted; bounded).</param>
public sealed record SignOffCommand(long ChangeId, SignOffKind Kind, string PersonId, string Actor, string? Comment)
{
    /// <summary>The patch identity the reviewer saw; when given, it must be the current revision's (else a conflict).</summary>
    public string? PatchId { get; init; }

    /// <summary>The revision the sign-off is bound to (its patch identity and head); null for the current one.</summary>
    public int? Revision { get; init; }

    /// <summary>
    /// The sign-off's id, for idempotency: when a sign-off with this id is recorded already, it is answered again and
    /// nothing is written (a forge review delivered twice is one sign-off). Null: a new random id.
    /// </summary>
    public string? SignOffId { get; init; }
}
