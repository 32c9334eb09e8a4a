using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.Audit;
using Countersign.Contracts;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// Reads the audit chain: pages for the API and the dashboard, every row (streamed) for export, and the one
/// verification (<see cref="AuditVerificationReader"/>). Rows are read as text, so a garbled record is shown as it is
/// stored instead of failing the read.
/// </summary>
public sealed class AuditStore(ServerDatabase database, IAuditObserver? observer = null)
{
    private const string Columns = "sequence, at, kind, actor, content, previous_hash, hash, subject";

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
            var rows = new List<AuditEntry>();
            await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT {Columns} FROM audit_log WHERE sequence > @after {filter} ORDER BY sequence LIMIT @limit", args, cancellationToken: cancellation)))
            {
                while (await reader.ReadAsync(cancellation))
                {
                    rows.Add(Entry(Row(reader)));
                }
            }

            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM audit_log WHERE 1 = 1 {filter}", args);
            return new Page<AuditEntry>(rows, total, (int)Math.Min(after, int.MaxValue), limit);
        }, cancellation);

    /// <summary>The kinds of record the log holds, for filters.</summary>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QueryAsync<string>("SELECT DISTINCT CAST(kind AS TEXT) FROM audit_log WHERE kind IS NOT NULL ORDER BY 1"), cancellation)).ToList();

    /// <summary>Verifies the chain, its head and the state tables: the one verification every reader shows.</summary>
    /// <param name="expectHead">A head hash published earlier that the chain must still hold, or null.</param>
    /// <param name="cancellation">Cancels the reads.</param>
    public async Task<AuditVerification> VerifyAsync(string? expectHead, CancellationToken cancellation)
    {
        var verification = await database.ReadAsync(c => AuditVerificationReader.VerifyAsync(c, expectHead, cancellation), cancellation);
        observer?.Verified(verification.ProblemCount, DateTimeOffset.UtcNow);
        return verification;
    }

    /// <summary>Every row as stored, in sequence order, streamed (for export).</summary>
    /// <param name="cancellation">Cancels the read.</param>
    public async IAsyncEnumerable<AuditEntry> AllAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var connection = await database.OpenAsync(write: false, cancellation);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM audit_log ORDER BY sequence", cancellationToken: cancellation));
        while (await reader.ReadAsync(cancellation))
        {
            yield return Entry(Row(reader));
        }
    }

    /// <summary>
    /// The head's sequence number, the version of everything the server stores (each state change appends to the
    /// chain); null when the head row is missing or garbled, so nothing is cached against it.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The transaction, if any.</param>
    public static async Task<long?> HeadSequenceAsync(DbConnection connection, DbTransaction? transaction = null) =>
        await connection.ExecuteScalarAsync<object?>("SELECT sequence FROM audit_head WHERE id = 1", transaction: transaction) switch
        {
            long value => value,
            int value => value,
            _ => null,
        };

    private static AuditRow Row(DbDataReader reader) =>
        new(Db.Text(reader, 0), Db.Text(reader, 1), Db.Text(reader, 2), Db.Text(reader, 3), Db.Text(reader, 4), Db.Text(reader, 5), Db.Text(reader, 6), Db.Text(reader, 7));

    /// <summary>A row as the API shows it: a garbled time as null, garbled content as the stored text (verification names both).</summary>
    private static AuditEntry Entry(AuditRow row)
    {
        JsonNode? content;
        try
        {
            content = row.Content is null ? null : JsonNode.Parse(row.Content);
        }
        catch (JsonException)
        {
            content = JsonValue.Create(row.Content);
        }

        return new AuditEntry(
            long.TryParse(row.Sequence, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0, AuditChain.ParseTime(row.At),
            row.Kind ?? "", row.Actor ?? "", content, row.PreviousHash ?? "", row.Hash ?? "");
    }
}
