using Countersign.Core.History;
using Countersign.Core.History.Jit;
using Countersign.Core.Provenance;
using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage.Tests;

/// <summary>
/// A first scan into empty tables builds the indexes after its rows; it must leave exactly what the row-by-row path
/// leaves, and an interrupted one must leave the indexes it found.
/// </summary>
public sealed class DeferredIndexTests
{
    private static readonly DateTimeOffset When = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static string NewDatabasePath() => Path.Combine(TempGitRepo.NewTempDirectory("store"), "scan.db");

    private static ScannedCommit Commit(int i, string? message = null)
    {
        var sha = i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);
        var who = new GitIdentity($"Dev {i % 3}", $"dev{i % 3}@acme.example", When.AddMinutes(i));
        var record = new CommitRecord(sha, [], who, who, message ?? $"Change {i}\n", [new FileChange($"src/f{i % 5}.cs", i, 1), new FileChange("README.md", 1, 0)]);
        return new ScannedCommit(record, new CommitProvenance(ProvenanceStatus.Unknown, [], [], null), new JitFeatures(1, 1, 2, 0.5, i, 1, 10, false, 1, 0, 1, 0, 0, 0), []);
    }

    private static void Scan(ScanStore store, long repo, IEnumerable<ScannedCommit> commits)
    {
        using var writer = store.BeginScan(repo);
        foreach (var commit in commits)
        {
            writer.Add(commit);
        }

        writer.Complete([], new JitState(), "t");
    }

    private static List<string> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? "∅" : reader.GetValue(c).ToString())));
        }

        return rows;
    }

    private static List<string> Indexes(string path) =>
        Rows(path, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");

    private const string CommitColumns = "sha, ordinal, parents, author_name, author_email, author_time, subject, message, files, added, deleted, ai_status, ns, nf, la, lt";

    [Fact]
    public void AFirstScanLeavesTheSameRowsAndIndexesAsAScanIntoTablesThatHoldRows()
    {
        var commits = Enumerable.Range(1, 300).Select(i => Commit(i)).ToList();
        var first = NewDatabasePath();
        var later = NewDatabasePath();
        long firstRepo;
        long laterRepo;
        using (var store = ScanStore.Open(first))
        {
            firstRepo = store.Repository("/repos/acme", "normal");
            Scan(store, firstRepo, commits);
        }

        using (var store = ScanStore.Open(later))
        {
            Scan(store, store.Repository("/repos/other", "normal"), [Commit(9999)]);
            laterRepo = store.Repository("/repos/acme", "normal");
            Scan(store, laterRepo, commits);
        }

        Assert.Equal(Indexes(later), Indexes(first));
        Assert.Contains(Indexes(first), row => row.StartsWith("commits_by_sha|commits|CREATE UNIQUE INDEX", StringComparison.Ordinal));
        Assert.Equal(
            Rows(later, $"SELECT {CommitColumns} FROM commits WHERE repo_id = {laterRepo} ORDER BY ordinal"),
            Rows(first, $"SELECT {CommitColumns} FROM commits WHERE repo_id = {firstRepo} ORDER BY ordinal"));
        Assert.Equal(
            Rows(later, $"SELECT sha, path, added, deleted FROM commit_files WHERE repo_id = {laterRepo} ORDER BY sha, path"),
            Rows(first, $"SELECT sha, path, added, deleted FROM commit_files WHERE repo_id = {firstRepo} ORDER BY sha, path"));
        Assert.Equal(300, Rows(first, "SELECT sha FROM commits").Count);
    }

    [Fact]
    public void ACommitWrittenTwiceInAFirstScanIsStoredOnceAsTheLastWritten()
    {
        var path = NewDatabasePath();
        using var store = ScanStore.Open(path);
        var repo = store.Repository("/repos/acme", "normal");

        Scan(store, repo, [Commit(1, "first version\n"), Commit(2), Commit(1, "second version\n")]);

        Assert.Equal(2, store.CommitCount(repo));
        Assert.Equal("second version", Assert.Single(store.ReadCommits(repo), c => c.Sha == Commit(1).Commit.Sha).Subject);
    }

    [Fact]
    public void AnInterruptedFirstScanLeavesTheIndexesItFound()
    {
        var path = NewDatabasePath();
        var before = Indexes(path is var p && ScanStore.Open(p) is var opened ? Close(opened, p) : p);
        using (var store = ScanStore.Open(path))
        {
            var repo = store.Repository("/repos/acme", "normal");
            using var writer = store.BeginScan(repo);
            writer.Add(Commit(1));
        }

        Assert.Equal(3, before.Count(row => row.Contains("commit", StringComparison.Ordinal)));
        Assert.Equal(before, Indexes(path));
        Assert.Empty(Rows(path, "SELECT sha FROM commits"));
    }

    private static string Close(ScanStore store, string path)
    {
        store.Dispose();
        return path;
    }
}
