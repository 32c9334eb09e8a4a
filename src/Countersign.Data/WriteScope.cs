using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Core.Audit;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// One write transaction with the audit chain's head in hand. <see cref="AuditAsync"/> appends a chained record in the
/// same transaction as the state change it describes; the head row is updated once, before the commit.
/// </summary>
public sealed class WriteScope
{
    private long sequence;
    private string hash;
    private bool appended;

    private WriteScope(ServerDatabase database, DbConnection connection, DbTransaction transaction, DateTimeOffset now, long sequence, string hash)
    {
        Database = database;
        Connection = connection;
        Transaction = transaction;
        Now = now;
        this.sequence = sequence;
        this.hash = hash;
    }

    public ServerDatabase Database { get; }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The records appended in this transaction, in order (for metrics and the response).</summary>
    public List<AuditRecord> Appended { get; } = [];

    internal static async Task<WriteScope> BeginAsync(ServerDatabase database, DbConnection connection, DbTransaction transaction, DateTimeOffset now, CancellationToken cancellation)
    {
        var sql = database.Kind == Data.DatabaseKind.PostgreSql
            ? "SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE"
            : "SELECT sequence, hash FROM audit_head WHERE id = 1";
        var rows = (await connection.QueryAsync<(object? Sequence, object? Hash)>(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellation))).ToList();
        if (rows is not [var (rawSequence, rawHash)] || rawSequence is not long and not int || rawHash is not string hash || !AuditRowParser.IsHash(hash))
        {
            // Continuing from a head nobody can vouch for would hide the tampering under new records: refuse to write
            // until an operator restores the head (reading, verification and the dashboard keep working).
            throw new AuditHeadException(rows.Count == 0
                ? "the audit log's head row is missing"
                : $"the audit log's head row is garbled (sequence {AuditRowParser.Show(Convert.ToString(rows[0].Sequence, System.Globalization.CultureInfo.InvariantCulture))}, hash {AuditRowParser.Show(Convert.ToString(rows[0].Hash, System.Globalization.CultureInfo.InvariantCulture))})");
        }

        return new WriteScope(database, connection, transaction, now, Convert.ToInt64(rawSequence, System.Globalization.CultureInfo.InvariantCulture), hash);
    }

    /// <summary>Appends one audit record: what happened (<paramref name="kind"/>), who did it, and its content.</summary>
    /// <param name="kind">Dotted kind, e.g. <c>signoff.approve</c>.</param>
    /// <param name="actor">Who: <c>token:ID</c>, <c>person:ID</c>, <c>scim</c>, <c>system</c>.</param>
    /// <param name="content">What changed; canonicalised before hashing.</param>
    public async Task AuditAsync(string kind, string actor, JsonObject content)
    {
        var previous = new AuditRecord(sequence, Now, "", "", "", "", hash);
        var record = AuditChain.Next(sequence == 0 ? null : previous, Now, kind, actor, content);
        await Connection.ExecuteAsync(
            "INSERT INTO audit_log (sequence, at, kind, actor, content, previous_hash, hash, subject) VALUES (@Sequence, @At, @Kind, @Actor, @Content, @PreviousHash, @Hash, @Subject)",
            new { record.Sequence, At = AuditChain.FormatTime(record.At), record.Kind, record.Actor, record.Content, record.PreviousHash, record.Hash, Subject = AuditState.SubjectOf(record.Kind, record.Content) },
            Transaction);
        sequence = record.Sequence;
        hash = record.Hash;
        appended = true;
        Appended.Add(record);
    }

    internal async Task FlushAsync(CancellationToken cancellation)
    {
        if (appended)
        {
            await Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE audit_head SET sequence = @sequence, hash = @hash WHERE id = 1", new { sequence, hash }, Transaction, cancellationToken: cancellation));
        }
    }
}
