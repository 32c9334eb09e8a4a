using System.Text.Json;
using Countersign.Core.History;
using Countersign.Core.History.Jit;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage;

/// <summary>
/// Writes one scan inside a single transaction, so an interrupted scan leaves the database as it was
/// (the next scan redoes the work) and the saved JIT state always matches the stored commits.
/// Not thread-safe: one writer thread.
/// </summary>
public sealed class ScanWriter : IDisposable
{
    private readonly ScanStore store;
    private readonly long repoId;
    private readonly SqliteTransaction transaction;
    private readonly RawStatement insertCommit;
    private readonly RawStatement insertFile;
    private readonly RawStatement insertDiagnostic;
    private readonly IDisposable writing;
    private readonly bool deferredIndexes;
    private long ordinal;
    private bool completed;

    internal ScanWriter(ScanStore store, long repoId, long firstOrdinal, bool replace, IDisposable writing)
    {
        this.store = store;
        this.writing = writing;
        this.repoId = repoId;
        ordinal = firstOrdinal;
        transaction = store.Connection.BeginTransaction();
        if (replace)
        {
            foreach (var table in (string[])["commits", "commit_files", "scan_tips", "scan_state", "scan_diagnostics", "summary_cache"])
            {
                Sql.Execute(store.Connection, $"DELETE FROM {table} WHERE repo_id = @repoId", transaction, ("@repoId", repoId));
            }
        }

        deferredIndexes = TablesAreEmpty();
        if (deferredIndexes)
        {
            foreach (var (name, _) in SqliteSchema.BulkIndexes)
            {
                Sql.Execute(store.Connection, $"DROP INDEX {name}", transaction);
            }
        }

        insertCommit = new RawStatement(store.Connection, $"INSERT OR REPLACE INTO commits VALUES ({Placeholders(42)})");
        insertFile = new RawStatement(store.Connection, $"INSERT INTO commit_files VALUES ({Placeholders(10)})");
        insertDiagnostic = new RawStatement(store.Connection, $"INSERT INTO scan_diagnostics VALUES ({Placeholders(8)})");
    }

    public int Written { get; private set; }

    /// <summary>
    /// A first scan into empty tables inserts its rows without the indexes and builds them once at the end, in the same
    /// transaction (a sort instead of one random B-tree insertion per row and index). An interrupted scan rolls back
    /// to the indexes it found.
    /// </summary>
    private bool TablesAreEmpty() =>
        Sql.Long(store.Connection, "SELECT NOT EXISTS (SELECT 1 FROM commits) AND NOT EXISTS (SELECT 1 FROM commit_files)", transaction) == 1;

    private void CreateDeferredIndexes()
    {
        // Without the unique index INSERT OR REPLACE could not replace: keep the last row written per commit, as it would have.
        Sql.Execute(store.Connection, "DELETE FROM commits WHERE rowid NOT IN (SELECT max(rowid) FROM commits GROUP BY repo_id, sha)", transaction);
        foreach (var (_, create) in SqliteSchema.BulkIndexes)
        {
            Sql.Execute(store.Connection, create, transaction);
        }
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => $"?{i}"));

    public void Add(ScannedCommit scanned) => store.Guard("writing scan results", () =>
    {
        Write(scanned);
        return 0;
    });

    private void Write(ScannedCommit scanned)
    {
        var c = scanned.Commit;
        var p = scanned.Provenance;
        var f = scanned.Features;
        var lines = p.Lines;
        insertCommit
            .Bind(1, repoId).Bind(2, c.Sha).Bind(3, ordinal++).Bind(4, string.Join(' ', c.Parents))
            .Bind(5, c.Author.Name).Bind(6, c.Author.Email).Bind(7, c.Author.When.ToUnixTimeSeconds()).Bind(8, (long)c.Author.When.Offset.TotalMinutes)
            .Bind(9, c.Committer.Name).Bind(10, c.Committer.Email).Bind(11, c.Committer.When.ToUnixTimeSeconds()).Bind(12, (long)c.Committer.When.Offset.TotalMinutes)
            .Bind(13, c.Subject).Bind(14, c.Message).Bind(15, c.IsMerge).Bind(16, c.Files.Count)
            .Bind(17, c.LinesAdded).Bind(18, c.LinesDeleted).Bind(19, StoredNames.Problem(c.ReadProblem))
            .Bind(20, StoredNames.Status(p.Status)).Bind(21, p.Assisted).Bind(22, string.Join(',', p.Tools))
            .Bind(23, p.Confidence).Bind(24, p.Evidence.Count == 0 ? "[]" : JsonSerializer.Serialize(p.Evidence, StoredJson.Options))
            .Bind(25, (long?)lines?.AiLines).Bind(26, (long?)lines?.HumanLines).Bind(27, (long?)lines?.UnknownLines)
            .Bind(28, lines is null ? null : string.Join(',', lines.Sources))
            .Bind(29, f.NS).Bind(30, f.ND).Bind(31, f.NF).Bind(32, f.Entropy).Bind(33, f.LA).Bind(34, f.LD).Bind(35, f.LT)
            .Bind(36, f.Fix).Bind(37, f.NDev).Bind(38, f.Age).Bind(39, f.Nuc).Bind(40, f.Exp).Bind(41, f.RExp).Bind(42, f.SExp)
            .Execute();

        var attributed = lines?.Files.ToDictionary(x => x.Path, StringComparer.Ordinal);
        foreach (var file in c.Files)
        {
            var a = attributed?.GetValueOrDefault(file.Path);
            insertFile.Bind(1, repoId).Bind(2, c.Sha).Bind(3, file.Path).Bind(4, file.OldPath)
                .Bind(5, (long?)file.Added).Bind(6, (long?)file.Deleted).Bind(7, file.IsBinary)
                .Bind(8, (long?)a?.AiLines).Bind(9, (long?)a?.HumanLines).Bind(10, (long?)a?.UnknownLines)
                .Execute();
        }

        foreach (var d in scanned.Diagnostics)
        {
            insertDiagnostic.Bind(1, repoId).Bind(2, c.Sha).Bind(3, d.Severity.ToString().ToLowerInvariant())
                .Bind(4, d.Source).Bind(5, (long?)d.Line).Bind(6, (long?)d.Column).Bind(7, d.Field).Bind(8, d.Message)
                .Execute();
        }

        Written++;
    }

    /// <summary>Stores the new tips and JIT state and commits everything written.</summary>
    public void Complete(IReadOnlyList<string> tips, JitState state, string scannedAt) => store.Guard("committing scan results", () =>
    {
        Commit(tips, state, scannedAt);
        return 0;
    });

    private void Commit(IReadOnlyList<string> tips, JitState state, string scannedAt)
    {
        var connection = store.Connection;
        if (deferredIndexes)
        {
            CreateDeferredIndexes();
        }

        Sql.Execute(connection, "DELETE FROM scan_tips WHERE repo_id = @repoId", transaction, ("@repoId", repoId));
        foreach (var tip in tips)
        {
            Sql.Execute(connection, "INSERT OR IGNORE INTO scan_tips VALUES (@repoId, @tip)", transaction, ("@repoId", repoId), ("@tip", tip));
        }

        Sql.Execute(
            connection,
            "INSERT INTO scan_state VALUES (@repoId, @json) ON CONFLICT(repo_id) DO UPDATE SET jit_state = excluded.jit_state",
            transaction,
            ("@repoId", repoId),
            ("@json", JsonSerializer.Serialize(state, StoredJson.Options)));
        Sql.Execute(connection, "UPDATE repositories SET last_scan_at = @scannedAt WHERE id = @repoId", transaction, ("@repoId", repoId), ("@scannedAt", scannedAt));
        transaction.Commit();
        completed = true;
    }

    public void Dispose()
    {
        try
        {
            if (!completed)
            {
                transaction.Rollback();
            }
        }
        catch (SqliteException)
        {
            // The failure that stopped the scan is reported; SQLite rolls back what is left when the connection closes.
        }
        finally
        {
            insertCommit.Dispose();
            insertFile.Dispose();
            insertDiagnostic.Dispose();
            transaction.Dispose();
            writing.Dispose();
        }
    }
}
