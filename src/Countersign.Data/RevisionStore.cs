using System.Data.Common;
using Countersign.Core.Changes;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// The <c>revisions</c> table: each content a change had (head, patch identity) with the facts and the policy it was
/// registered with, and their hashes. The documents are read only on a cache miss (<see cref="DocumentAsync"/>).
/// </summary>
internal static class RevisionStore
{
    public const string Columns = "change_id, number, head_sha, base_sha, patch_id, facts_hash, policy_hash, created_at";

    public const string PrefixedColumns = "r.change_id, r.number, r.head_sha, r.base_sha, r.patch_id, r.facts_hash, r.policy_hash, r.created_at";

    /// <summary>The change's current revision, without its documents.</summary>
    public static async Task<RevisionRow> CurrentAsync(DbConnection connection, DbTransaction? transaction, ChangeRow change) =>
        await connection.QuerySingleAsync<RevisionRow>(
            $"SELECT {Columns} FROM revisions WHERE change_id = @Id AND number = @Revision", new { change.Id, change.Revision }, transaction);

    /// <summary>Every revision of the change, oldest first (empty when there is no such change).</summary>
    public static async Task<IReadOnlyList<RevisionRow>> AllAsync(DbConnection connection, long changeId) =>
        (await connection.QueryAsync<RevisionRow>($"SELECT {Columns} FROM revisions WHERE change_id = @changeId ORDER BY number", new { changeId })).ToList();

    /// <summary>The revision's facts (<c>facts</c>) or policy (<c>policy</c>) document.</summary>
    public static async Task<string> DocumentAsync(DbConnection connection, DbTransaction? transaction, RevisionRow revision, RevisionDocument document)
    {
        var column = document == RevisionDocument.Facts ? "facts" : "policy";
        return await connection.ExecuteScalarAsync<string>(
            $"SELECT {column} FROM revisions WHERE change_id = @ChangeId AND number = @Number", new { revision.ChangeId, revision.Number }, transaction)
            ?? throw new InvalidOperationException($"revision {revision.Number} of change {revision.ChangeId} has no {column}");
    }

    public static async Task InsertAsync(WriteScope scope, long changeId, int number, ChangeFacts facts, RegisteredDocuments documents) =>
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO revisions (change_id, number, head_sha, base_sha, patch_id, facts, facts_hash, policy, policy_hash, created_at)
            VALUES (@changeId, @number, @head, @base, @patch, @Facts, @FactsHash, @Policy, @PolicyHash, @now)
            """,
            new
            {
                changeId, number, head = facts.HeadSha, @base = facts.BaseSha, patch = facts.PatchId,
                documents.Facts, documents.FactsHash, documents.Policy, documents.PolicyHash, now = Db.Time(scope.Now),
            },
            scope.Transaction);

    /// <summary>Replaces the documents of the change's current revision (same content, facts or policy read differently).</summary>
    public static async Task ReplaceDocumentsAsync(WriteScope scope, ChangeRow change, RegisteredDocuments documents) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE revisions SET facts = @Facts, facts_hash = @FactsHash, policy = @Policy, policy_hash = @PolicyHash WHERE change_id = @Id AND number = @Revision",
            new { documents.Facts, documents.FactsHash, documents.Policy, documents.PolicyHash, change.Id, change.Revision }, scope.Transaction);
}
