using System.Text.Json.Nodes;
using Countersign.Core.Changes;
using Countersign.Core.SignOffs;

namespace Countersign.Server.Contracts;

/// <summary>
/// The policy as CI read it from the target branch: its text, where it came from, and the files it extends (by the
/// relative path the policy names), so the server compiles exactly what the CLI would.
/// </summary>
public sealed record PolicyBundle(string Source, string Text, IReadOnlyDictionary<string, string>? Files = null);

/// <summary>Registers a change or a new revision of it (<c>POST /api/v1/changes</c>).</summary>
public sealed record ChangeRegistration(string Repository, ChangeFacts Facts, PolicyBundle Policy, string? Mailmap = null);

/// <summary>A sign-off, rejection or break-glass as a reviewer gives it (<c>POST /api/v1/changes/{id}/signoffs</c>).</summary>
/// <param name="Kind">approve, reject or break-glass.</param>
/// <param name="PatchId">The patch identity of the content the reviewer looked at; must be the change's current one.</param>
/// <param name="Comment">Optional comment; for break-glass, the mandatory reason.</param>
public sealed record SignOffRequest(SignOffKind Kind, string PatchId, string? Comment = null);

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

/// <summary>The verdict on a change and nothing else (<c>GET /api/v1/changes/{id}/decision</c>).</summary>
public sealed record DecisionView(long Id, int Revision, string PatchId, string Status, bool Passed, string Summary);

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

/// <summary>A page of results with the total count, for every list endpoint.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int Offset, int Limit);

/// <summary>The answer to a sign-off: what was recorded, its attestation, and the change after it.</summary>
public sealed record SignOffResponse(SignOffView SignOff, JsonNode Attestation, ChangeView Change);

/// <summary>One change a deploy ships, as CI found it between the running and the shipping revision.</summary>
public sealed record ShippedChange(string Commit, ChangeFacts Facts);

/// <summary>A deploy to decide (<c>POST /api/v1/deploys</c>).</summary>
public sealed record DeployRequest(
    string Repository,
    string Service,
    string Environment,
    string? From,
    string To,
    PolicyBundle Policy,
    IReadOnlyList<ShippedChange> Changes,
    string? Mailmap = null);

/// <summary>The verdict on one shipped change.</summary>
public sealed record ShippedVerdict(string Commit, string Status, bool Passed, string Summary, IReadOnlyList<SignOffView> SignOffs, JsonNode? Result);

/// <summary>A recorded deploy decision.</summary>
public sealed record DeployDecisionView(long Id, string Repository, string Service, string Environment, string? From, string To, bool Allowed, DateTimeOffset At, IReadOnlyList<ShippedVerdict> Changes);

/// <summary>Creates an API token (<c>POST /api/v1/tokens</c>).</summary>
/// <param name="Name">What the token is for (shown in listings and the audit log).</param>
/// <param name="Scope">ci, reviewer or admin.</param>
/// <param name="Person">For a reviewer token: the person id it acts as.</param>
/// <param name="ExpiresInDays">Lifetime; 1 to 366 days (default 90).</param>
public sealed record TokenRequest(string Name, string Scope, string? Person = null, int? ExpiresInDays = null);

/// <summary>A token as listed (never its secret).</summary>
public sealed record TokenView(string Id, string Name, string Scope, string? Person, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>A token just created: the only time its secret is shown.</summary>
public sealed record CreatedToken(TokenView Token, string Secret);

/// <summary>
/// One audit record as the API and <c>audit export</c> show it, as stored: <see cref="At"/> is null when the stored time
/// is garbled and <see cref="Content"/> a JSON string when the stored content is not JSON (verification names both).
/// </summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset? At, string Kind, string Actor, JsonNode? Content, string PreviousHash, string Hash);

/// <summary>The server's attestation signing key: its id and public part (PEM, SubjectPublicKeyInfo).</summary>
public sealed record AttestationKey(string KeyId, string PublicKeyPem, string PredicateType);
