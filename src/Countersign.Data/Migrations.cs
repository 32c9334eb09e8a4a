using System.Data;
using System.Data.Common;
using Countersign.Core.Audit;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Countersign.Data;

/// <summary>
/// The schema, as numbered migrations written once for both databases (the few type names that differ are filled in
/// per database). Applied at start-up under a lock — PostgreSQL's session advisory lock, SQLite's write lock — so two
/// replicas starting together apply each migration exactly once; the one that waits finds them applied.
/// </summary>
internal static class Migrations
{
    /// <summary>Arbitrary constant: the advisory lock's key ("countersign" in the low bits).</summary>
    private const long AdvisoryLock = 0x636f756e74657273;

    private static readonly (int Version, string Description, string Sql)[] Steps =
    [
        (1, "changes, revisions, sign-offs, directory, tokens, audit chain, deploy decisions", """
            CREATE TABLE audit_head (id INTEGER PRIMARY KEY, sequence {bigint} NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE audit_log (
                sequence {bigint} PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL,
                content TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX audit_log_kind ON audit_log (kind, sequence);
            CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE changes (
                id {id}, repository TEXT NOT NULL, change_key TEXT NOT NULL, title TEXT, author_id TEXT, author_level TEXT,
                revision INTEGER NOT NULL, head_sha TEXT NOT NULL, patch_id TEXT NOT NULL, status TEXT NOT NULL,
                summary TEXT NOT NULL, risk {real} NOT NULL, blast_class TEXT NOT NULL, provenance TEXT NOT NULL,
                tools TEXT NOT NULL, ai_share {real}, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                UNIQUE (repository, change_key));
            CREATE INDEX changes_status ON changes (status, risk DESC, created_at);
            CREATE TABLE revisions (
                change_id {bigint} NOT NULL REFERENCES changes (id), number INTEGER NOT NULL, head_sha TEXT NOT NULL,
                base_sha TEXT NOT NULL, patch_id TEXT NOT NULL, facts TEXT NOT NULL, facts_hash TEXT NOT NULL,
                policy TEXT NOT NULL, policy_hash TEXT NOT NULL,
                created_at TEXT NOT NULL, PRIMARY KEY (change_id, number));
            CREATE TABLE signoffs (
                id TEXT PRIMARY KEY, change_id {bigint} NOT NULL REFERENCES changes (id), repository TEXT NOT NULL,
                change_key TEXT NOT NULL, person_id TEXT NOT NULL, kind TEXT NOT NULL, patch_id TEXT NOT NULL,
                file_patch_ids TEXT NOT NULL, head_sha TEXT NOT NULL, at TEXT NOT NULL, comment TEXT,
                revision INTEGER NOT NULL, rules TEXT NOT NULL, attestation TEXT NOT NULL, dismissed_at TEXT,
                dismissed_reason TEXT);
            CREATE INDEX signoffs_change ON signoffs (change_id);
            CREATE INDEX signoffs_patch ON signoffs (repository, patch_id);
            CREATE INDEX signoffs_key ON signoffs (repository, change_key);
            CREATE TABLE waiting (change_id {bigint} NOT NULL REFERENCES changes (id), person_id TEXT NOT NULL, PRIMARY KEY (change_id, person_id));
            CREATE INDEX waiting_person ON waiting (person_id);
            CREATE TABLE people (
                id TEXT PRIMARY KEY, scim_id TEXT UNIQUE, external_id TEXT, user_name TEXT, active INTEGER NOT NULL,
                data TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE teams (id TEXT PRIMARY KEY, scim_id TEXT UNIQUE, external_id TEXT, data TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE tokens (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, scope TEXT NOT NULL, person_id TEXT, hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL, created_by TEXT NOT NULL, expires_at TEXT, revoked_at TEXT);
            CREATE TABLE deploy_decisions (
                id {id}, repository TEXT NOT NULL, service TEXT NOT NULL, environment TEXT NOT NULL, from_sha TEXT,
                to_sha TEXT NOT NULL, allowed INTEGER NOT NULL, summary TEXT NOT NULL, at TEXT NOT NULL);
            """),
        (2, "when each change's head was committed, and its author's team, for the dashboard's trends", """
            ALTER TABLE changes ADD COLUMN landed_at TEXT;
            ALTER TABLE changes ADD COLUMN author_team TEXT;
            CREATE INDEX changes_landed ON changes (landed_at);
            """),
        (3, "each audit record names the state row it vouches for, so verification joins the log to the state tables", """
            ALTER TABLE audit_log ADD COLUMN subject TEXT;
            CREATE INDEX audit_log_subject ON audit_log (subject, sequence);
            """),
        (4, "repositories the server mirrors and builds changes of itself (a reference to the credential, never the secret)", """
            CREATE TABLE repositories (
                name TEXT PRIMARY KEY, url TEXT NOT NULL, credential TEXT, registered_at TEXT NOT NULL, registered_by TEXT NOT NULL,
                fetched_at TEXT, fetch_outcome TEXT, fetch_error TEXT, mirror_bytes {bigint} NOT NULL DEFAULT 0);
            """),
        (5, "sign-offs recorded without a server change (local enforcement's, in a local database): change_id may be null", """
            {signoffs-change-id-nullable}
            """),
        (6, "the durable queue of webhook deliveries and the outbox of calls to forges (operational queues: no audit records)", """
            CREATE TABLE webhook_deliveries (
                id {id}, source TEXT NOT NULL, delivery_id TEXT NOT NULL, event TEXT NOT NULL,
                received_at TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL,
                lease_owner TEXT, lease_until TEXT, finished_at TEXT, outcome TEXT,
                UNIQUE (source, delivery_id));
            CREATE TABLE webhook_bodies (id {bigint} PRIMARY KEY REFERENCES webhook_deliveries (id), body TEXT NOT NULL);
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE state IN ('queued', 'working');
            CREATE INDEX webhook_deliveries_state ON webhook_deliveries (state, received_at);
            CREATE TABLE outbox (
                id {id}, target TEXT NOT NULL, kind TEXT NOT NULL, slot TEXT NOT NULL, payload TEXT NOT NULL,
                state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL, lease_owner TEXT,
                lease_until TEXT, last_status TEXT, last_error TEXT, response TEXT, created_at TEXT NOT NULL, sent_at TEXT);
            CREATE INDEX outbox_due ON outbox (next_at) WHERE state IN ('queued', 'working');
            CREATE INDEX outbox_slot ON outbox (slot) WHERE state IN ('queued', 'working');
            CREATE INDEX outbox_state ON outbox (state, created_at);
            """),
        (7, "pull and merge requests and their reviews as forges report them, the verdict last published per head, and installations", """
            CREATE TABLE forge_requests (
                forge TEXT NOT NULL, repository TEXT NOT NULL, number INTEGER NOT NULL, change_key TEXT NOT NULL,
                title TEXT, body TEXT, body_hash TEXT, base_ref TEXT NOT NULL, head_ref TEXT NOT NULL, head_sha TEXT NOT NULL,
                state TEXT NOT NULL, draft INTEGER NOT NULL, labels TEXT NOT NULL, author_login TEXT NOT NULL,
                installation {bigint}, updated_at TEXT NOT NULL, PRIMARY KEY (forge, repository, number));
            CREATE INDEX forge_requests_head ON forge_requests (forge, repository, head_sha);
            CREATE INDEX forge_requests_state ON forge_requests (forge, repository, state);
            CREATE TABLE forge_reviews (
                id {id}, forge TEXT NOT NULL, repository TEXT NOT NULL, number INTEGER NOT NULL, review_id TEXT NOT NULL,
                reviewer_login TEXT NOT NULL, reviewer_id {bigint} NOT NULL, person_id TEXT, verdict TEXT NOT NULL,
                commit_sha TEXT NOT NULL, signoff_id TEXT, refusal TEXT, at TEXT NOT NULL, withdrawn_at TEXT, withdrawn_reason TEXT,
                UNIQUE (forge, repository, review_id));
            CREATE INDEX forge_reviews_request ON forge_reviews (forge, repository, number);
            CREATE TABLE forge_publications (
                forge TEXT NOT NULL, repository TEXT NOT NULL, head_sha TEXT NOT NULL, change_id {bigint} NOT NULL,
                number INTEGER, verdict_hash TEXT NOT NULL, published_at TEXT NOT NULL, PRIMARY KEY (forge, repository, head_sha));
            CREATE TABLE forge_installations (
                forge TEXT NOT NULL, repository TEXT NOT NULL, installation {bigint}, added_at TEXT NOT NULL, removed_at TEXT,
                PRIMARY KEY (forge, repository));
            """),
    ];

    public static int Latest => Steps[^1].Version;

    /// <summary>Applies the missing migrations; returns how many this call applied.</summary>
    /// <param name="database">The database.</param>
    /// <param name="cancellation">Cancels waiting for the lock.</param>
    public static async Task<int> ApplyAsync(ServerDatabase database, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(write: true, cancellation);
        if (database.Kind == DatabaseKind.Sqlite)
        {
            // WAL lets readers run beside the one writer; it is kept in the file, so once is enough.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL");
        }

        if (database.Kind == DatabaseKind.PostgreSql)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLock }, cancellationToken: cancellation));
            try
            {
                return await ApplyLockedAsync(database, connection, cancellation);
            }
            finally
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLock });
            }
        }

        return await ApplyLockedAsync(database, connection, cancellation);
    }

    /// <summary>The schema version the database is at (0 when empty).</summary>
    /// <param name="connection">An open connection.</param>
    public static async Task<int> VersionAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations") ?? 0;

    private static async Task<int> ApplyLockedAsync(ServerDatabase database, DbConnection connection, CancellationToken cancellation)
    {
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = 0;
        foreach (var (version, description, sql) in Steps)
        {
            await using var transaction = connection is SqliteConnection sqlite
                ? await sqlite.BeginTransactionAsync(IsolationLevel.Serializable, cancellation)
                : await connection.BeginTransactionAsync(cancellation);
            var done = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction);
            if (done > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(Dialect(database.Kind, sql), transaction: transaction);
            if (version == 1)
            {
                await connection.ExecuteAsync("INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, @genesis)", new { genesis = AuditChain.Genesis }, transaction);
            }

            if (version == 3)
            {
                await FileSubjectsAsync(connection, transaction);
            }

            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @at)",
                new { version, description, at = Db.Time(DateTimeOffset.UtcNow) }, transaction);
            await transaction.CommitAsync(cancellation);
            applied++;
        }

        return applied;
    }

    /// <summary>Fills the subject of records written before migration 3, in batches (records whose content is garbled keep none; verification names them).</summary>
    private static async Task FileSubjectsAsync(DbConnection connection, DbTransaction transaction)
    {
        object after = long.MinValue;
        while (true)
        {
            var batch = (await connection.QueryAsync<(object Sequence, object? Kind, object? Content)>(
                "SELECT sequence, kind, content FROM audit_log WHERE sequence > @after ORDER BY sequence LIMIT 5000", new { after }, transaction)).ToList();
            foreach (var (sequence, kind, content) in batch)
            {
                if (AuditState.SubjectOf(kind as string, content as string) is { } subject)
                {
                    await connection.ExecuteAsync("UPDATE audit_log SET subject = @subject WHERE sequence = @sequence", new { subject, sequence }, transaction);
                }
            }

            if (batch.Count < 5000)
            {
                return;
            }

            after = batch[^1].Sequence;
        }
    }

    private static string Dialect(DatabaseKind kind, string sql) => kind == DatabaseKind.PostgreSql
        ? sql.Replace("{id}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY").Replace("{bigint}", "BIGINT").Replace("{real}", "DOUBLE PRECISION")
            .Replace("{signoffs-change-id-nullable}", "ALTER TABLE signoffs ALTER COLUMN change_id DROP NOT NULL;")
        : sql.Replace("{id}", "INTEGER PRIMARY KEY AUTOINCREMENT").Replace("{bigint}", "INTEGER").Replace("{real}", "REAL")
            .Replace("{signoffs-change-id-nullable}", SqliteNullableChangeId);

    /// <summary>SQLite cannot drop a NOT NULL constraint: the table is rebuilt with the same columns, rows and indexes.</summary>
    private const string SqliteNullableChangeId = """
        CREATE TABLE signoffs_v5 (
            id TEXT PRIMARY KEY, change_id INTEGER REFERENCES changes (id), repository TEXT NOT NULL,
            change_key TEXT NOT NULL, person_id TEXT NOT NULL, kind TEXT NOT NULL, patch_id TEXT NOT NULL,
            file_patch_ids TEXT NOT NULL, head_sha TEXT NOT NULL, at TEXT NOT NULL, comment TEXT,
            revision INTEGER NOT NULL, rules TEXT NOT NULL, attestation TEXT NOT NULL, dismissed_at TEXT,
            dismissed_reason TEXT);
        INSERT INTO signoffs_v5 SELECT id, change_id, repository, change_key, person_id, kind, patch_id, file_patch_ids, head_sha, at,
            comment, revision, rules, attestation, dismissed_at, dismissed_reason FROM signoffs;
        DROP TABLE signoffs;
        ALTER TABLE signoffs_v5 RENAME TO signoffs;
        CREATE INDEX signoffs_change ON signoffs (change_id);
        CREATE INDEX signoffs_patch ON signoffs (repository, patch_id);
        CREATE INDEX signoffs_key ON signoffs (repository, change_key);
        """;
}
