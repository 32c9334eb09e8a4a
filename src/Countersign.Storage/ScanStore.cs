using System.Globalization;
using System.Text.Json;
using Countersign.Core.History.Jit;
using Countersign.Core.Reporting;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage;

/// <summary>
/// The SQLite database of scanned commits. One file can hold several repositories.
/// Opening creates the file and applies migrations; a file that is not a Countersign database,
/// or is unreadable, fails with a <see cref="StorageException"/> naming it.
/// </summary>
public sealed class ScanStore : IDisposable
{
    private readonly StoreLocking locking;
    private WriterLock? exclusive;

    private ScanStore(string path, SqliteConnection connection, StoreLocking locking, WriterLock? exclusive)
    {
        Path = path;
        Connection = connection;
        this.locking = locking;
        this.exclusive = exclusive;
    }

    public string Path { get; }

    internal SqliteConnection Connection { get; }

    /// <summary>
    /// Opens (creating and migrating when needed) the database at <paramref name="path"/>. With an exclusive
    /// <paramref name="locking"/> the writer lock is taken first and held until disposal.
    /// </summary>
    /// <exception cref="StorageException">The file cannot be opened, is damaged, is not a Countersign database, or the lock was not had in time.</exception>
    public static ScanStore Open(string path, StoreLocking? locking = null)
    {
        locking ??= StoreLocking.Default;
        var full = System.IO.Path.GetFullPath(path);
        WriterLock? held = null;
        SqliteConnection? connection = null;
        try
        {
            var folder = System.IO.Path.GetDirectoryName(full);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            if (locking.Exclusive)
            {
                held = WriterLock.Acquire(full, locking.Wait, locking.Waiting);
            }

            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
            connection.Open();
            Sql.Execute(connection, "PRAGMA page_size=16384; PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
            var store = new ScanStore(full, connection, locking, held);
            store.Migrate();
            return store;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or StorageException)
        {
            connection?.Dispose();
            held?.Dispose();
            throw e is StorageException known ? known : new StorageException($"{full}: cannot use as a Countersign database: {StorageFailure.Explain(e)}", e);
        }
    }

    /// <summary>
    /// Holds the writer lock for one write (nothing to do when the store holds it for its lifetime). Every write of the
    /// store goes through here, so a second writer waits for the first instead of failing with "database is locked".
    /// </summary>
    internal IDisposable LockForWrite() =>
        exclusive is not null ? NoLock.Instance : WriterLock.Acquire(Path, locking.Wait, locking.Waiting);

    /// <summary>Runs one storage operation, reporting any failure as a <see cref="StorageException"/> naming the file.</summary>
    internal T Guard<T>(string what, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw StorageFailure.From(Path, what, e);
        }
    }

    private void Migrate()
    {
        var version = Sql.Long(Connection, "PRAGMA user_version") ?? 0;
        if (version > SqliteSchema.Migrations.Length)
        {
            throw new StorageException($"{Path}: database schema version {version} is newer than this countersign supports ({SqliteSchema.Migrations.Length}); upgrade countersign");
        }

        if (version == SqliteSchema.Migrations.Length)
        {
            // Up to date: readers take no lock, so a check can read while a scan writes.
            return;
        }

        using var writing = LockForWrite();
        version = Sql.Long(Connection, "PRAGMA user_version") ?? 0;
        if (version == 0 && Sql.Long(Connection, "SELECT count(*) FROM sqlite_master") > 0)
        {
            throw new StorageException($"{Path}: not a Countersign database (it already holds other tables)");
        }

        using var tx = Connection.BeginTransaction();
        for (var i = (int)version; i < SqliteSchema.Migrations.Length; i++)
        {
            Sql.Execute(Connection, SqliteSchema.Migrations[i], tx);
            Sql.Execute(Connection, $"PRAGMA user_version = {i + 1}", tx);
        }

        tx.Commit();
    }

    /// <summary>Returns the id of the repository at <paramref name="path"/>, registering it if new.</summary>
    /// <remarks>A known repository is only read, so commands that only read never wait for a writer.</remarks>
    public long Repository(string path, string kind) => Guard("registering the repository", () =>
    {
        const string Find = "SELECT id FROM repositories WHERE path = @path AND kind = @kind";
        if (Sql.Long(Connection, Find, ("@path", path), ("@kind", kind)) is { } id)
        {
            return id;
        }

        using var writing = LockForWrite();
        Sql.Execute(
            Connection,
            "INSERT INTO repositories(path, kind) VALUES (@path, @kind) ON CONFLICT(path) DO UPDATE SET kind = excluded.kind",
            null,
            ("@path", path),
            ("@kind", kind));
        return Sql.Long(Connection, Find, ("@path", path), ("@kind", kind)) ?? throw new StorageException($"{Path}: the repository {path} was registered but cannot be read back");
    });

    public IReadOnlyList<string> Tips(long repoId) => Guard("reading the scanned tips", () =>
        Sql.Texts(Connection, "SELECT sha FROM scan_tips WHERE repo_id = @repoId", ("@repoId", repoId)));

    public HashSet<string> KnownShas(long repoId) => Guard("reading the stored commits", () =>
        Sql.Texts(Connection, "SELECT sha FROM commits WHERE repo_id = @repoId", ("@repoId", repoId)).ToHashSet(StringComparer.Ordinal));

    public long CommitCount(long repoId) => Guard("counting the stored commits", () =>
        Sql.Long(Connection, "SELECT count(*) FROM commits WHERE repo_id = @repoId", ("@repoId", repoId)) ?? 0);

    public JitState? LoadJitState(long repoId) => Guard("reading the scan state", () =>
    {
        var json = Sql.Text(Connection, "SELECT jit_state FROM scan_state WHERE repo_id = @repoId", ("@repoId", repoId));
        return json is null ? null : JsonSerializer.Deserialize<JitState>(json, StoredJson.Options);
    });

    /// <summary>Starts writing a scan's results; nothing is visible until <see cref="ScanWriter.Complete"/>.</summary>
    /// <remarks>With <paramref name="replace"/>, the repository's earlier results are deleted in the same transaction.</remarks>
    /// <remarks>Holds the writer lock until the writer is disposed (for the store's lifetime when it is exclusive).</remarks>
    public ScanWriter BeginScan(long repoId, bool replace = false)
    {
        var writing = LockForWrite();
        try
        {
            return Guard("starting to write scan results", () => new ScanWriter(this, repoId, replace ? 0 : NextOrdinal(repoId), replace, writing));
        }
        catch
        {
            writing.Dispose();
            throw;
        }
    }

    private long NextOrdinal(long repoId) =>
        Sql.Long(Connection, "SELECT max(ordinal) FROM commits WHERE repo_id = @repoId", ("@repoId", repoId)) is { } max ? max + 1 : 0;

    /// <summary>Summary rows of every stored commit of the repository, keyed by sha.</summary>
    public Dictionary<string, CommitSummaryRow> ReadSummaryRows(long repoId) => Guard("reading the stored commits", () => SummaryRows(repoId));

    private Dictionary<string, CommitSummaryRow> SummaryRows(long repoId)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = """
            SELECT sha, author_name, author_email, author_time, is_merge, ai_status, ai_tools, read_problem,
                   ai_lines, human_lines, unknown_lines
            FROM commits WHERE repo_id = $repo
            """;
        command.Parameters.AddWithValue("$repo", repoId);
        var result = new Dictionary<string, CommitSummaryRow>(StringComparer.Ordinal);
        var toolLists = new Dictionary<string, string[]>(StringComparer.Ordinal) { [""] = [] };
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var sha = r.GetString(0);
            var tools = r.GetString(6);
            if (!toolLists.TryGetValue(tools, out var list))
            {
                toolLists[tools] = list = tools.Split(',');
            }

            result[sha] = new CommitSummaryRow(
                sha, r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(3)), r.GetInt64(4) != 0,
                StoredNames.ParseStatus(r.GetString(5)), list, r.GetString(7).Length > 0,
                r.IsDBNull(8) ? null : r.GetInt64(8), r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : r.GetInt64(10));
        }

        return result;
    }

    /// <summary>Full stored commits for export, streamed in scan order.</summary>
    public IEnumerable<StoredCommit> ReadCommits(long repoId)
    {
        using var commits = Guard("reading the stored commits", () => StoredCommitReader.Read(this, repoId).GetEnumerator());
        while (Guard("reading the stored commits", commits.MoveNext))
        {
            yield return commits.Current;
        }
    }

    public long DiagnosticCount(long repoId) => Guard("counting the scan diagnostics", () =>
        Sql.Long(Connection, "SELECT count(*) FROM scan_diagnostics WHERE repo_id = @repoId", ("@repoId", repoId)) ?? 0);

    /// <summary>
    /// A report computed earlier for the same selection, valid while <paramref name="state"/> (the selection's
    /// resolved tips and the stored history) is unchanged; null otherwise. Lets a rescan that finds nothing new
    /// skip re-reading every stored commit.
    /// </summary>
    public string? CachedSummary(long repoId, string selection, string state) => Guard("reading the cached report", () =>
        Sql.Text(
            Connection,
            "SELECT summary FROM summary_cache WHERE repo_id = @repoId AND selection = @selection AND state = @state",
            ("@repoId", repoId),
            ("@selection", selection),
            ("@state", state)));

    public void CacheSummary(long repoId, string selection, string state, string summary) => Guard("caching the report", () =>
    {
        using var writing = LockForWrite();
        return Sql.Execute(
            Connection,
            """
            INSERT INTO summary_cache VALUES (@repoId, @selection, @state, @summary)
            ON CONFLICT(repo_id, selection) DO UPDATE SET state = excluded.state, summary = excluded.summary
            """,
            null,
            ("@repoId", repoId),
            ("@selection", selection),
            ("@state", state),
            ("@summary", summary));
    });

    /// <summary>Identifies the stored history of a repository: changes whenever a scan writes anything.</summary>
    public string HistoryVersion(long repoId) => Guard("reading the scan state", () =>
        Sql.Text(Connection, "SELECT last_scan_at FROM repositories WHERE id = @repoId", ("@repoId", repoId)) ?? "");

    internal static string FormatTime(DateTimeOffset when) => when.ToString("O", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Connection.Dispose();
        exclusive?.Dispose();
        exclusive = null;
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose()
        {
        }
    }
}
