using System.Data.Common;
using Countersign.Core.Audit;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// Reads what <see cref="AuditVerifier"/> checks, streamed in one pass each (the log by sequence, the head rows, and each
/// vouched-for state table joined to its records by subject), with every column read as text so a garbled value is
/// a named problem rather than a failed read. The same SQL on SQLite and PostgreSQL. The API, the dashboard and
/// <c>countersign audit verify</c> all call this, so they give one answer.
/// </summary>
internal static class AuditVerificationReader
{
    /// <summary>Each vouched-for table as rows with a <c>subject</c> column and its columns (named as <see cref="AuditState"/> expects) prefixed <c>c_</c>.</summary>
    private static readonly Dictionary<string, string> StateRows = new(StringComparer.Ordinal)
    {
        ["signoff"] = """
            SELECT 'signoff:' || id AS subject, CAST(change_id AS TEXT) AS c_change_id, change_key AS c_change_key, person_id AS c_person_id,
                kind AS c_kind, patch_id AS c_patch_id, CAST(revision AS TEXT) AS c_revision, rules AS c_rules,
                CASE WHEN dismissed_at IS NULL THEN 'false' ELSE 'true' END AS c_dismissed
            FROM signoffs
            """,
        ["token"] = """
            SELECT 'token:' || id AS subject, name AS c_name, scope AS c_scope, person_id AS c_person_id, expires_at AS c_expires_at,
                CASE WHEN revoked_at IS NULL THEN 'false' ELSE 'true' END AS c_revoked
            FROM tokens
            """,
        ["deploy"] = """
            SELECT 'deploy:' || id AS subject, repository AS c_repository, service AS c_service, environment AS c_environment,
                from_sha AS c_from_sha, to_sha AS c_to_sha,
                CASE WHEN allowed = 1 THEN 'true' WHEN allowed = 0 THEN 'false' ELSE CAST(allowed AS TEXT) END AS c_allowed
            FROM deploy_decisions
            """,
        ["change"] = """
            SELECT 'change:' || c.id AS subject, c.repository AS c_repository, c.change_key AS c_change_key, CAST(c.revision AS TEXT) AS c_revision,
                c.head_sha AS c_head_sha, c.patch_id AS c_patch_id, c.status AS c_status, r.facts_hash AS c_facts_hash, r.policy_hash AS c_policy_hash
            FROM changes c LEFT JOIN revisions r ON r.change_id = c.id AND r.number = c.revision
            """,
    };

    /// <summary>Verifies the chain, the head row and the state tables; never throws for what it reads, only for a database it cannot read.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="expectHead">A head hash published earlier, which the chain must still hold; or null.</param>
    /// <param name="cancellation">Cancels the reads.</param>
    public static async Task<AuditVerification> VerifyAsync(DbConnection connection, string? expectHead, CancellationToken cancellation)
    {
        if (await Migrations.VersionAsync(connection) is var version && version < 3)
        {
            throw new AuditSchemaException($"the database's schema is at version {version}, older than this countersign's ({Migrations.Latest}): start `countersign serve` on it once to migrate it, then verify");
        }

        var verifier = new AuditVerifier(expectHead);
        await using (var log = await ReaderAsync(connection, "SELECT sequence, at, kind, actor, content, previous_hash, hash, subject FROM audit_log ORDER BY sequence", cancellation))
        {
            while (await log.ReadAsync(cancellation))
            {
                verifier.Add(new AuditRow(Text(log, 0), Text(log, 1), Text(log, 2), Text(log, 3), Text(log, 4), Text(log, 5), Text(log, 6), Text(log, 7)));
            }
        }

        foreach (var (prefix, rows) in StateRows)
        {
            await ReconcileAsync(connection, verifier, prefix, rows, cancellation);
        }

        var head = new List<AuditHeadRow>();
        await using (var reader = await ReaderAsync(connection, "SELECT id, sequence, hash FROM audit_head", cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                head.Add(new AuditHeadRow(Text(reader, 0), Text(reader, 1), Text(reader, 2)));
            }
        }

        return verifier.Finish(head);
    }

    /// <summary>
    /// One table against its records: a full outer join on the subject, ordered by it, so each subject's records and
    /// row arrive together and only one subject is held at a time.
    /// </summary>
    private static async Task ReconcileAsync(DbConnection connection, AuditVerifier verifier, string prefix, string rows, CancellationToken cancellation)
    {
        var sql = $"""
            SELECT COALESCE(a.subject, s.subject) AS subject, a.sequence, a.kind, a.content, s.*
            FROM (SELECT sequence, kind, content, subject FROM audit_log WHERE subject LIKE '{prefix}:%') a
            FULL OUTER JOIN ({rows}) s ON a.subject = s.subject
            ORDER BY 1, 2
            """;
        await using var reader = await ReaderAsync(connection, sql, cancellation);
        var columns = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i).StartsWith("c_", StringComparison.Ordinal)).ToList();
        const int rowSubject = 4; // s.subject: null when no row matches
        string? subject = null;
        var events = new List<AuditStateEvent>();
        Dictionary<string, string?>? row = null;
        long compared = 0;
        while (await reader.ReadAsync(cancellation))
        {
            var current = Text(reader, 0)!;
            if (current != subject)
            {
                Flush();
                subject = current;
            }

            if (!reader.IsDBNull(1))
            {
                events.Add(new AuditStateEvent(Text(reader, 1), Text(reader, 2), Text(reader, 3)));
            }

            if (row is null && !reader.IsDBNull(rowSubject))
            {
                row = columns.ToDictionary(i => reader.GetName(i)[2..], i => Text(reader, i), StringComparer.Ordinal);
            }
        }

        Flush();

        void Flush()
        {
            if (subject is not null)
            {
                compared += row is null ? 0 : 1;
                verifier.AddState(AuditState.Reconcile(subject, events, row));
            }

            events.Clear();
            row = null;
        }

        verifier.AddState([], compared);
    }

    private static async Task<DbDataReader> ReaderAsync(DbConnection connection, string sql, CancellationToken cancellation) =>
        await connection.ExecuteReaderAsync(new CommandDefinition(sql, cancellationToken: cancellation));

    private static string? Text(DbDataReader reader, int column) => Db.Text(reader, column);
}
