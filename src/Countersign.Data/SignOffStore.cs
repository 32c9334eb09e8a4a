using System.Data.Common;
using System.Text.Json;
using Countersign.Contracts;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// The <c>signoffs</c> table: sign-offs as recorded (never deleted; a dismissed one keeps when and why), each with its
/// DSSE attestation. A change's sign-offs are those filed under its key or given for its content (its patch identity).
/// </summary>
internal static class SignOffStore
{
    public const int MaxDismissedReason = 500;

    public const string Columns =
        "id, change_id, repository, change_key, person_id, kind, patch_id, file_patch_ids, head_sha, at, comment, revision, rules, attestation, dismissed_at, dismissed_reason";

    public const string PrefixedColumns =
        "s.id, s.change_id, s.repository, s.change_key, s.person_id, s.kind, s.patch_id, s.file_patch_ids, s.head_sha, s.at, s.comment, s.revision, s.rules, s.attestation, s.dismissed_at, s.dismissed_reason";

    /// <summary>The sign-offs filed under <paramref name="key"/> or given for <paramref name="patchId"/>, oldest first.</summary>
    public static async Task<List<SignOffView>> ForChangeAsync(DbConnection connection, DbTransaction? transaction, string repository, string key, string patchId) =>
        (await connection.QueryAsync<SignOffRow>(
            $"SELECT {Columns} FROM signoffs WHERE repository = @repository AND (change_key = @key OR (patch_id = @patchId AND patch_id <> '')) ORDER BY at, id",
            new { repository, key, patchId }, transaction)).Select(r => r.View()).ToList();

    /// <summary>Records <paramref name="signOff"/> on the change's current revision with the rules it counts for and its attestation.</summary>
    public static async Task InsertAsync(WriteScope scope, ChangeRow change, SignOff signOff, IReadOnlyList<string> rules, string attestation) =>
        await scope.Connection.ExecuteAsync(
            $"INSERT INTO signoffs ({Columns}) VALUES (@Id, @ChangeId, @Repository, @ChangeKey, @PersonId, @Kind, @PatchId, @FilePatchIds, @HeadSha, @At, @Comment, @Revision, @Rules, @Attestation, NULL, NULL)",
            new
            {
                signOff.Id, ChangeId = change.Id, change.Repository, change.ChangeKey, signOff.PersonId, Kind = SignOffRow.KindName(signOff.Kind), signOff.PatchId,
                FilePatchIds = JsonSerializer.Serialize(signOff.FilePatchIds), signOff.HeadSha, At = Db.Time(signOff.At),
                Comment = UntrustedText.Bound(signOff.Comment, SignOff.MaxCommentLength),
                change.Revision, Rules = JsonSerializer.Serialize(rules), Attestation = attestation,
            }, scope.Transaction);

    /// <summary>
    /// Records a sign-off given without a server (local enforcement): filed under the repository and key it was given
    /// for, with no server change (<c>change_id</c> null), revision 0, no rules and no attestation (nothing signs it locally).
    /// </summary>
    public static async Task InsertLocalAsync(WriteScope scope, string repository, SignOff signOff) =>
        await scope.Connection.ExecuteAsync(
            $"INSERT INTO signoffs ({Columns}) VALUES (@Id, NULL, @repository, @ChangeKey, @PersonId, @Kind, @PatchId, @FilePatchIds, @HeadSha, @At, @Comment, 0, '[]', '', NULL, NULL)",
            new
            {
                signOff.Id, repository, signOff.ChangeKey, signOff.PersonId, Kind = SignOffRow.KindName(signOff.Kind), signOff.PatchId,
                FilePatchIds = JsonSerializer.Serialize(new SortedDictionary<string, string>(signOff.FilePatchIds.ToDictionary(), StringComparer.Ordinal)),
                signOff.HeadSha, At = Db.Time(signOff.At), Comment = UntrustedText.Bound(signOff.Comment, SignOff.MaxCommentLength),
            }, scope.Transaction);

    /// <summary>The sign-off with this id, or null.</summary>
    public static async Task<SignOffView?> ByIdAsync(DbConnection connection, DbTransaction? transaction, string id) =>
        (await connection.QuerySingleOrDefaultAsync<SignOffRow>($"SELECT {Columns} FROM signoffs WHERE id = @id", new { id }, transaction))?.View();

    /// <summary>Marks the sign-off dismissed with <paramref name="reason"/>; false when it already was.</summary>
    public static async Task<bool> DismissAsync(WriteScope scope, string signOffId, string reason) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE signoffs SET dismissed_at = @now, dismissed_reason = @reason WHERE id = @signOffId AND dismissed_at IS NULL",
            new { now = Db.Time(scope.Now), reason = UntrustedText.Bound(reason, MaxDismissedReason), signOffId }, scope.Transaction) > 0;

    /// <summary>Marks the sign-off withdrawn by its reviewer with <paramref name="reason"/>, whether or not it was dismissed as stale before.</summary>
    public static async Task WithdrawAsync(WriteScope scope, string signOffId, string reason) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE signoffs SET dismissed_at = @now, dismissed_reason = @reason WHERE id = @signOffId",
            new { now = Db.Time(scope.Now), reason = UntrustedText.Bound(reason, MaxDismissedReason), signOffId }, scope.Transaction);

    /// <summary>The sign-off's DSSE envelope as issued, or null when there is no such sign-off.</summary>
    public static async Task<string?> AttestationAsync(DbConnection connection, string signOffId) =>
        await connection.ExecuteScalarAsync<string?>("SELECT attestation FROM signoffs WHERE id = @signOffId", new { signOffId });
}
