using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Countersign.Data;

/// <summary>
/// The server's database: a SQLite file (the embedded default: one process, no set-up) or PostgreSQL (several
/// stateless replicas). Every state change runs in <see cref="WriteAsync{T}"/>: one transaction that first takes the
/// audit chain's head (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: <c>SELECT … FOR UPDATE</c> on the head row), so
/// the change and its audit records commit or vanish together and writers on any replica append in one total order.
/// </summary>
public sealed class ServerDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqlite;

    /// <summary>
    /// SQLite has one writer; the queues' writers in this process take turns here rather than meet at the file's lock,
    /// where a writer that finds it taken sleeps in 150 ms steps (the driver's busy retry) and intake latency suffers.
    /// </summary>
    private readonly SemaphoreSlim? queueWriter;

    static ServerDatabase()
    {
        // Rows map snake_case columns onto PascalCase properties, for every reader of this database (the server, and
        // the CLI's audit verify, which opens the database without a server).
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    private ServerDatabase(DatabaseKind kind, string description, NpgsqlDataSource? postgres, string? sqlite)
    {
        Kind = kind;
        Description = description;
        this.postgres = postgres;
        this.sqlite = sqlite;
        queueWriter = sqlite is null ? null : new SemaphoreSlim(1, 1);
    }

    public DatabaseKind Kind { get; }

    /// <summary>What the database is, for logs and <c>/readyz</c>: the file, or host and database name (never a password).</summary>
    public string Description { get; }

    /// <summary>
    /// Which database a connection setting names — the one test every reader of a setting uses (the server, <c>serve</c>,
    /// <c>audit verify</c>): a PostgreSQL URL (<c>postgres://…</c>, <c>postgresql://…</c>) or keyword string
    /// (<c>Host=…</c>) is PostgreSQL; anything else is a SQLite file (a path, or <c>Data Source=…</c>), so a file named
    /// <c>postgres.db</c> is a file.
    /// </summary>
    /// <param name="setting">The connection setting.</param>
    public static DatabaseKind KindOf(string setting) =>
        IsUrl(setting) || setting.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseKind.PostgreSql : DatabaseKind.Sqlite;

    /// <summary>
    /// A database from a connection setting: a PostgreSQL URL (<c>postgres://…</c>, <c>postgresql://…</c>) or keyword
    /// string (<c>Host=…</c>), or else a SQLite file path (or <c>Data Source=…</c>). Throws <see cref="ArgumentException"/>
    /// with the reason when the setting cannot be read.
    /// </summary>
    /// <param name="setting">The connection setting.</param>
    public static ServerDatabase Open(string setting)
    {
        if (KindOf(setting) == DatabaseKind.PostgreSql)
        {
            if (IsUrl(setting))
            {
                setting = FromUrl(setting);
            }

            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(setting);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"the PostgreSQL connection string is not valid: {e.Message}", nameof(setting), e);
            }

            builder.ApplicationName ??= "countersign";
            var source = NpgsqlDataSource.Create(builder.ConnectionString);
            return new ServerDatabase(DatabaseKind.PostgreSql, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}", source, null);
        }

        var path = SqlitePath(setting);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ConnectionString;
        return new ServerDatabase(DatabaseKind.Sqlite, $"SQLite {full}", null, connection);
    }

    /// <summary>The SQLite file a setting names: a path, or <c>Data Source=…</c>.</summary>
    /// <param name="setting">A SQLite connection setting.</param>
    public static string SqlitePath(string setting) =>
        setting.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) ? new SqliteConnectionStringBuilder(setting).DataSource : setting;

    /// <summary>
    /// Opens a connection. SQLite connections that write set <c>synchronous=FULL</c> (each commit is on disk before it
    /// is acknowledged, so an acknowledged sign-off survives a crash of the process or the machine) and foreign keys;
    /// readers need neither (WAL mode is a property of the file, set when the schema is prepared).
    /// </summary>
    /// <param name="write">Whether the connection will write.</param>
    /// <param name="cancellation">Cancels the open.</param>
    public async Task<DbConnection> OpenAsync(bool write = false, CancellationToken cancellation = default)
    {
        if (postgres is not null)
        {
            return await postgres.OpenConnectionAsync(cancellation);
        }

        var connection = new SqliteConnection(sqlite);
        await connection.OpenAsync(cancellation);
        if (write)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            await pragma.ExecuteNonQueryAsync(cancellation);
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction holding the audit head; audit records it appends are
    /// chained and the head is updated before the commit. Nothing is written when it throws.
    /// </summary>
    /// <param name="work">The state change; it appends its audit records through the scope.</param>
    /// <param name="now">The time stamped on the audit records.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    public async Task<T> WriteAsync<T>(Func<WriteScope, Task<T>> work, DateTimeOffset now, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(write: true, cancellation);
        await using var transaction = Kind == DatabaseKind.Sqlite
            ? await ((SqliteConnection)connection).BeginTransactionAsync(IsolationLevel.Serializable, cancellation) // BEGIN IMMEDIATE
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellation);
        var scope = await WriteScope.BeginAsync(this, connection, transaction, now, cancellation);
        var result = await work(scope);
        await scope.FlushAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction that does not take the audit head: for the operational
    /// queues (webhook deliveries, the outbox), which are not audit records and must not serialise behind them on
    /// PostgreSQL. SQLite still has one writer (<c>BEGIN IMMEDIATE</c>), so a claim's read and write are one step there.
    /// </summary>
    /// <param name="work">The writes, on the connection and transaction given.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    internal Task<T> QueueWriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellation = default) =>
        QueueWriteAsync(work, durable: true, cancellation);

    /// <summary>
    /// A queue write for a worker's
    /// bookkeeping (claims, lease renewals, outcomes): on SQLite it commits without its own fsync
    /// (<c>synchronous=NORMAL</c>; the next durable commit, or a checkpoint, carries it to disk). A power loss can then
    /// forget it, and the row is worked again — which handlers, being idempotent, allow. Intake and outbox enqueues are
    /// durable: they are acknowledged.
    /// </summary>
    /// <param name="work">The writes, on the connection and transaction given.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    internal Task<T> QueueBookkeepingAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellation = default) =>
        QueueWriteAsync(work, durable: false, cancellation);

    private async Task<T> QueueWriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, bool durable, CancellationToken cancellation)
    {
        if (queueWriter is null)
        {
            return await QueueTransactionAsync(work, durable, cancellation);
        }

        await queueWriter.WaitAsync(cancellation);
        try
        {
            return await QueueTransactionAsync(work, durable, cancellation);
        }
        finally
        {
            queueWriter.Release();
        }
    }

    private async Task<T> QueueTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, bool durable, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(write: true, cancellation);
        if (!durable && Kind == DatabaseKind.Sqlite)
        {
            // Every writer sets its own level when it opens (OpenAsync), so this does not outlive the pooled connection's turn.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=NORMAL";
            await pragma.ExecuteNonQueryAsync(cancellation);
        }

        await using var transaction = Kind == DatabaseKind.Sqlite
            ? await ((SqliteConnection)connection).BeginTransactionAsync(IsolationLevel.Serializable, cancellation) // BEGIN IMMEDIATE
            : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellation);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellation);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on an open connection outside any write transaction.</summary>
    /// <param name="work">The reads.</param>
    /// <param name="cancellation">Cancels the reads.</param>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(write: false, cancellation);
        return await work(connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        queueWriter?.Dispose();
    }

    private static bool IsUrl(string setting) =>
        setting.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || setting.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static string FromUrl(string url)
    {
        Uri uri;
        try
        {
            uri = new Uri(url);
        }
        catch (UriFormatException e)
        {
            throw new ArgumentException($"the PostgreSQL URL is not valid: {e.Message}", nameof(url), e);
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }

        return builder.ConnectionString;
    }
}
