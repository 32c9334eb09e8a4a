using System.Diagnostics;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Storage;
using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Cli.Tests.Commands;

/// <summary>
/// One writer at a time per database, and no writer fails after doing its work: a scan takes the writer lock before
/// it reads anything and waits for another writer (saying so) or, with --no-wait, fails at once; sign-offs, kept in
/// the local record beside the scan database, never wait for a scan; readers never wait.
/// </summary>
public sealed class DatabaseLockingTests : IDisposable
{
    private readonly PolicyShop shop = PolicyShop.Create();
    private readonly string folder = TempGitRepo.NewTempDirectory("locking");

    public DatabaseLockingTests()
    {
        for (var i = 0; i < 30; i++)
        {
            shop.Repo.Commit($"change {i}", new Dictionary<string, string> { [$"src/file{i}.txt"] = $"{i}\n" });
        }
    }

    private string Db => Path.Combine(folder, "r.db");

    public void Dispose()
    {
        shop.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static long Count(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task TwoScansIntoOneDatabaseBothSucceedAndStoreEachCommitOnce()
    {
        var cancel = TestContext.Current.CancellationToken;
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => shop.Run("scan", ".", "--db", Db, "--all"), cancel)))
            .WaitAsync(TimeSpan.FromMinutes(3), cancel);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var commits = long.Parse(shop.Repo.Git("rev-list --all --count").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(commits, Count(Db, "SELECT count(*) FROM commits"));
        Assert.Equal(0, Count(Db, "SELECT count(*) FROM (SELECT sha, path FROM commit_files GROUP BY sha, path HAVING count(*) > 1)"));
    }

    [Fact]
    public void WithNoWaitAScanFailsAtOnceNamingTheDatabaseWhenAnotherProcessIsWriting()
    {
        using var other = WriterLock.Acquire(Db, TimeSpan.Zero);
        // The lock is held for the whole test: a scan that waited would never return.
        var (code, _, stderr) = shop.Run("scan", ".", "--db", Db, "--no-wait");
        Assert.Equal(3, code);
        Assert.Contains($"{Db}: another countersign process", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "the scan wrote before it had the lock");
    }

    [Fact]
    public async Task AScanWaitsForAnotherWriterSaysSoAndThenScans()
    {
        var cancel = TestContext.Current.CancellationToken;
        var other = WriterLock.Acquire(Db, TimeSpan.Zero);
        var scan = Task.Run(() => shop.Run("scan", ".", "--db", Db), cancel);
        await Task.Delay(1500, cancel);
        Assert.False(scan.IsCompleted, "the scan did not wait for the writer");
        other.Dispose();
        var (code, _, stderr) = await scan.WaitAsync(TimeSpan.FromMinutes(2), cancel);
        Assert.True(code == 0, stderr);
        Assert.Contains($"another countersign process is writing to {Db}; waiting for it to finish", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApprovalIsNotHeldUpByARunningScanAndIsRecordedInTheLocalRecord()
    {
        Assert.Equal(0, shop.Run("scan", ".", "--db", Db).ExitCode);
        // The scan database is a cache; sign-offs live in the local record beside it, which scans never lock.
        using var other = WriterLock.Acquire(Db, TimeSpan.Zero);
        var result = shop.Approve("erin", "--db", Db);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("waiting", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, Count(Path.Combine(folder, "r.record.db"), "SELECT count(*) FROM signoffs"));
    }

    [Fact]
    public void ACheckReadsWhileAnotherProcessIsWriting()
    {
        Assert.Equal(0, shop.Approve("erin", "--db", Db).ExitCode);
        using var other = WriterLock.Acquire(Db, TimeSpan.Zero);
        var (code, stdout, stderr) = shop.Check("--db", Db);
        Assert.True(code == 0, stdout + stderr);
        Assert.DoesNotContain("waiting", stderr, StringComparison.Ordinal);
    }
}
