using System.Globalization;
using System.Text.Json;
using Countersign.Core.History.Jit;
using Countersign.Core.Reporting;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage;

/// <summary>
/// The SQLite database of scanned commits. One file can hold several repositories.
/// Opening creates the file and applies migrations; a file that is not a Countersign database,
/// or is unreadable, fails with a <see cref="StorageException"/> naming it.
/// </summary>
public sealed class ScanStore : IDisposable
{
    private ScanStore(string path, SqliteConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    public string Path { get; }

    internal SqliteConnection Connection { get; }

    public static ScanStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            var folder = System.IO.Path.GetDirectoryName(full);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
            connection.Open();
            connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
            Migrate(connection);
            return new ScanStore(full, connection);
        }
        catch (SqliteException e)
        {
            throw new StorageException($"{full}: cannot use as a Countersign database: {e.Message.Replace("SQLite Error ", "", StringComparison.Ordinal)}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"{full}: {e.Message}", e);
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        var version = connection.ExecuteScalar<long>("PRAGMA user_version");
        if (version > SqliteSchema.Migrations.Length)
        {
            throw new StorageException($"{connection.DataSource}: database schema version {version} is newer than this countersign supports ({SqliteSchema.Migrations.Length}); upgrade countersign");
        }

        if (version == 0 && connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master") > 0)
        {
            throw new StorageException($"{connection.DataSource}: not a Countersign database (it already holds other tables)");
        }

        using var tx = connection.BeginTransaction();
        for (var i = (int)version; i < SqliteSchema.Migrations.Length; i++)
        {
            connection.Execute(SqliteSchema.Migrations[i], transaction: tx);
            connection.Execute($"PRAGMA user_version = {i + 1}", transaction: tx);
        }

        tx.Commit();
    }

    /// <summary>Returns the id of the repository at <paramref name="path"/>, registering it if new.</summary>
    public long Repository(string path, string kind)
    {
        Connection.Execute(
            "INSERT INTO repositories(path, kind) VALUES (@path, @kind) ON CONFLICT(path) DO UPDATE SET kind = excluded.kind",
            new { path, kind });
        return Connection.ExecuteScalar<long>("SELECT id FROM repositories WHERE path = @path", new { path });
    }

    public IReadOnlyList<string> Tips(long repoId) =>
        Connection.Query<string>("SELECT sha FROM scan_tips WHERE repo_id = @repoId", new { repoId }).ToList();

    public HashSet<string> KnownShas(long repoId) =>
        Connection.Query<string>("SELECT sha FROM commits WHERE repo_id = @repoId", new { repoId }).ToHashSet(StringComparer.Ordinal);

    public long CommitCount(long repoId) =>
        Connection.ExecuteScalar<long>("SELECT count(*) FROM commits WHERE repo_id = @repoId", new { repoId });

    public JitState? LoadJitState(long repoId)
    {
        var json = Connection.ExecuteScalar<string?>("SELECT jit_state FROM scan_state WHERE repo_id = @repoId", new { repoId });
        return json is null ? null : JsonSerializer.Deserialize<JitState>(json, StoredJson.Options);
    }

    /// <summary>Starts writing a scan's results; nothing is visible until <see cref="ScanWriter.Complete"/>.</summary>
    /// <remarks>With <paramref name="replace"/>, the repository's earlier results are deleted in the same transaction.</remarks>
    public ScanWriter BeginScan(long repoId, bool replace = false) => new(this, repoId, replace ? 0 : NextOrdinal(repoId), replace);

    private long NextOrdinal(long repoId) =>
        Connection.ExecuteScalar<long?>("SELECT max(ordinal) FROM commits WHERE repo_id = @repoId", new { repoId }) is { } max ? max + 1 : 0;

    /// <summary>Summary rows of every stored commit of the repository, keyed by sha.</summary>
    public Dictionary<string, CommitSummaryRow> ReadSummaryRows(long repoId)
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
    public IEnumerable<StoredCommit> ReadCommits(long repoId) => StoredCommitReader.Read(this, repoId);

    public long DiagnosticCount(long repoId) =>
        Connection.ExecuteScalar<long>("SELECT count(*) FROM scan_diagnostics WHERE repo_id = @repoId", new { repoId });

    /// <summary>
    /// A report computed earlier for the same selection, valid while <paramref name="state"/> (the selection's
    /// resolved tips and the stored history) is unchanged; null otherwise. Lets a rescan that finds nothing new
    /// skip re-reading every stored commit.
    /// </summary>
    public string? CachedSummary(long repoId, string selection, string state) =>
        Connection.ExecuteScalar<string?>(
            "SELECT summary FROM summary_cache WHERE repo_id = @repoId AND selection = @selection AND state = @state",
            new { repoId, selection, state });

    public void CacheSummary(long repoId, string selection, string state, string summary) =>
        Connection.Execute(
            """
            INSERT INTO summary_cache VALUES (@repoId, @selection, @state, @summary)
            ON CONFLICT(repo_id, selection) DO UPDATE SET state = excluded.state, summary = excluded.summary
            """,
            new { repoId, selection, state, summary });

    /// <summary>Identifies the stored history of a repository: changes whenever a scan writes anything.</summary>
    public string HistoryVersion(long repoId) =>
        Connection.ExecuteScalar<string?>("SELECT last_scan_at FROM repositories WHERE id = @repoId", new { repoId }) ?? "";

    internal static string FormatTime(DateTimeOffset when) => when.ToString("O", CultureInfo.InvariantCulture);

    public void Dispose() => Connection.Dispose();
}
