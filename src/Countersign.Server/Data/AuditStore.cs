using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Core.Audit;
using Countersign.Server.Contracts;
using Dapper;

namespace Countersign.Server.Data;

/// <summary>Reads the audit chain: pages for the API, the whole chain (streamed) for export and verification.</summary>
public sealed class AuditStore(ServerDatabase database)
{
    /// <summary>Records after <paramref name="after"/>, oldest first, of one kind (or kind prefix) and by one actor (substring), if given.</summary>
    /// <param name="after">The sequence number to start after.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="kind">A kind (<c>signoff.approve</c>) or prefix (<c>signoff</c>), or null.</param>
    /// <param name="cancellation">Cancels the read.</param>
    /// <param name="actor">Part of the actor (<c>person:erin</c>), or null.</param>
    public async Task<Page<AuditEntry>> PageAsync(long after, int limit, string? kind, CancellationToken cancellation, string? actor = null) =>
        await database.ReadAsync(async c =>
        {
            var filter = (kind is null ? "" : "AND (kind = @kind OR kind LIKE @prefix) ") + (actor is null ? "" : "AND actor LIKE @actorLike");
            var args = new { after, limit, kind, prefix = kind + ".%", actorLike = "%" + actor + "%" };
            var rows = (await c.QueryAsync<Row>(
                $"SELECT sequence, at, kind, actor, content, previous_hash, hash FROM audit_log WHERE sequence > @after {filter} ORDER BY sequence LIMIT @limit", args))
                .Select(r => r.Entry()).ToList();
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM audit_log WHERE 1 = 1 {filter}", args);
            return new Page<AuditEntry>(rows, total, (int)Math.Min(after, int.MaxValue), limit);
        }, cancellation);

    /// <summary>The kinds of record the log holds, for filters.</summary>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QueryAsync<string>("SELECT DISTINCT kind FROM audit_log ORDER BY kind"), cancellation)).ToList();

    /// <summary>Every record, in the stored order (by sequence), read in batches.</summary>
    /// <param name="connection">An open connection.</param>
    public static async IAsyncEnumerable<AuditRecord> AllAsync(DbConnection connection)
    {
        long after = long.MinValue;
        while (true)
        {
            var batch = (await connection.QueryAsync<Row>(
                "SELECT sequence, at, kind, actor, content, previous_hash, hash FROM audit_log WHERE sequence > @after ORDER BY sequence LIMIT 5000", new { after })).ToList();
            foreach (var row in batch)
            {
                yield return row.Record();
            }

            if (batch.Count < 5000)
            {
                yield break;
            }

            after = batch[^1].Sequence;
        }
    }

    /// <summary>Verifies the whole chain and compares its end with the head the database records.</summary>
    /// <param name="connection">An open connection.</param>
    public static async Task<(AuditVerification Verification, long HeadSequence, string HeadHash)> VerifyAsync(DbConnection connection)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in AllAsync(connection))
        {
            records.Add(record);
        }

        var head = await connection.QuerySingleAsync<(long Sequence, string Hash)>("SELECT sequence, hash FROM audit_head WHERE id = 1");
        return (AuditVerifier.Verify(records), head.Sequence, head.Hash);
    }

    internal sealed class Row
    {
        public long Sequence { get; set; }

        public string At { get; set; } = "";

        public string Kind { get; set; } = "";

        public string Actor { get; set; } = "";

        public string Content { get; set; } = "";

        public string PreviousHash { get; set; } = "";

        public string Hash { get; set; } = "";

        public AuditRecord Record() => new(Sequence, Db.ParseTime(At), Kind, Actor, Content, PreviousHash, Hash);

        public AuditEntry Entry() => new(Sequence, Db.ParseTime(At), Kind, Actor, JsonNode.Parse(Content), PreviousHash, Hash);
    }
}
