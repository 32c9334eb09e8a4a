using System.Text.Json;
using Countersign.Core.History;
using Countersign.Core.History.Jit;
using Dapper;
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
    private readonly SqliteCommand insertCommit;
    private readonly SqliteCommand insertFile;
    private readonly SqliteCommand insertDiagnostic;
    private long ordinal;
    private bool completed;

    internal ScanWriter(ScanStore store, long repoId, long firstOrdinal, bool replace)
    {
        this.store = store;
        this.repoId = repoId;
        ordinal = firstOrdinal;
        transaction = store.Connection.BeginTransaction();
        if (replace)
        {
            foreach (var table in (string[])["commits", "commit_files", "scan_tips", "scan_state", "scan_diagnostics"])
            {
                store.Connection.Execute($"DELETE FROM {table} WHERE repo_id = @repoId", new { repoId }, transaction);
            }
        }

        insertCommit = Prepare("""
            INSERT OR REPLACE INTO commits VALUES (
              $repo, $sha, $ordinal, $parents, $an, $ae, $at, $ao, $cn, $ce, $ct, $co, $subject, $message,
              $merge, $files, $added, $deleted, $problem, $status, $assisted, $tools, $confidence, $evidence,
              $ai_lines, $human_lines, $unknown_lines, $line_sources,
              $ns, $nd, $nf, $entropy, $la, $ld, $lt, $fix, $ndev, $age, $nuc, $exp, $rexp, $sexp)
            """);
        insertFile = Prepare("INSERT INTO commit_files VALUES ($repo, $sha, $path, $old, $added, $deleted, $binary, $ai, $human, $unknown)");
        insertDiagnostic = Prepare("INSERT INTO scan_diagnostics VALUES ($repo, $sha, $severity, $source, $line, $col, $field, $message)");
    }

    public int Written { get; private set; }

    private SqliteCommand Prepare(string sql)
    {
        var command = store.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public void Add(ScannedCommit scanned)
    {
        var c = scanned.Commit;
        var p = scanned.Provenance;
        var f = scanned.Features;
        var lines = p.Lines;
        Set(insertCommit,
            ("$repo", repoId), ("$sha", c.Sha), ("$ordinal", ordinal++), ("$parents", string.Join(' ', c.Parents)),
            ("$an", c.Author.Name), ("$ae", c.Author.Email), ("$at", c.Author.When.ToUnixTimeSeconds()), ("$ao", (long)c.Author.When.Offset.TotalMinutes),
            ("$cn", c.Committer.Name), ("$ce", c.Committer.Email), ("$ct", c.Committer.When.ToUnixTimeSeconds()), ("$co", (long)c.Committer.When.Offset.TotalMinutes),
            ("$subject", c.Subject), ("$message", c.Message), ("$merge", c.IsMerge), ("$files", c.Files.Count),
            ("$added", c.LinesAdded), ("$deleted", c.LinesDeleted), ("$problem", StoredNames.Problem(c.ReadProblem)),
            ("$status", StoredNames.Status(p.Status)), ("$assisted", p.Assisted), ("$tools", string.Join(',', p.Tools)),
            ("$confidence", p.Confidence), ("$evidence", JsonSerializer.Serialize(p.Evidence, StoredJson.Options)),
            ("$ai_lines", lines?.AiLines), ("$human_lines", lines?.HumanLines), ("$unknown_lines", lines?.UnknownLines),
            ("$line_sources", lines is null ? null : string.Join(',', lines.Sources)),
            ("$ns", f.NS), ("$nd", f.ND), ("$nf", f.NF), ("$entropy", f.Entropy), ("$la", f.LA), ("$ld", f.LD), ("$lt", f.LT),
            ("$fix", f.Fix), ("$ndev", f.NDev), ("$age", f.Age), ("$nuc", f.Nuc), ("$exp", f.Exp), ("$rexp", f.RExp), ("$sexp", f.SExp));
        insertCommit.ExecuteNonQuery();

        var attributed = lines?.Files.ToDictionary(x => x.Path, StringComparer.Ordinal);
        foreach (var file in c.Files)
        {
            var a = attributed?.GetValueOrDefault(file.Path);
            Set(insertFile, ("$repo", repoId), ("$sha", c.Sha), ("$path", file.Path), ("$old", file.OldPath),
                ("$added", file.Added), ("$deleted", file.Deleted), ("$binary", file.IsBinary),
                ("$ai", a?.AiLines), ("$human", a?.HumanLines), ("$unknown", a?.UnknownLines));
            insertFile.ExecuteNonQuery();
        }

        foreach (var d in scanned.Diagnostics)
        {
            Set(insertDiagnostic, ("$repo", repoId), ("$sha", c.Sha), ("$severity", d.Severity.ToString().ToLowerInvariant()),
                ("$source", d.Source), ("$line", d.Line), ("$col", d.Column), ("$field", d.Field), ("$message", d.Message));
            insertDiagnostic.ExecuteNonQuery();
        }

        Written++;
    }

    /// <summary>Stores the new tips and JIT state and commits everything written.</summary>
    public void Complete(IReadOnlyList<string> tips, JitState state, string scannedAt)
    {
        var connection = store.Connection;
        connection.Execute("DELETE FROM scan_tips WHERE repo_id = @repoId", new { repoId }, transaction);
        foreach (var tip in tips)
        {
            connection.Execute("INSERT OR IGNORE INTO scan_tips VALUES (@repoId, @tip)", new { repoId, tip }, transaction);
        }

        connection.Execute(
            "INSERT INTO scan_state VALUES (@repoId, @json) ON CONFLICT(repo_id) DO UPDATE SET jit_state = excluded.jit_state",
            new { repoId, json = JsonSerializer.Serialize(state, StoredJson.Options) }, transaction);
        connection.Execute("UPDATE repositories SET last_scan_at = @scannedAt WHERE id = @repoId", new { repoId, scannedAt }, transaction);
        transaction.Commit();
        completed = true;
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        if (command.Parameters.Count == 0)
        {
            foreach (var (name, _) in values)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
        }
    }

    public void Dispose()
    {
        if (!completed)
        {
            transaction.Rollback();
        }

        insertCommit.Dispose();
        insertFile.Dispose();
        insertDiagnostic.Dispose();
        transaction.Dispose();
    }
}
