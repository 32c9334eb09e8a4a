using Countersign.Core.History.Jit;
using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage.Tests;

/// <summary>
/// Every operation of the store reports what goes wrong underneath as a <see cref="StorageException"/> that names the
/// file and says what is wrong and what to do — open, read and write alike; and one writer at a time holds the lock.
/// </summary>
public sealed class StorageFailureTests
{
    private static string NewDatabasePath() => Path.Combine(TempGitRepo.NewTempDirectory("store"), "scan.db");

    /// <summary>A store with one repository and one stored commit, whose pages after the first are then overwritten.</summary>
    private static string DamagedStore()
    {
        var path = NewDatabasePath();
        using (var store = ScanStore.Open(path))
        {
            var repo = store.Repository("/repos/acme", "normal");
            using var writer = store.BeginScan(repo);
            writer.Complete([new string('a', 40)], new JitState(), "2026-11-26T00:00:00Z");
        }

        var size = new FileInfo(path).Length;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Seek(4096, SeekOrigin.Begin);
        file.Write(Enumerable.Range(0, (int)size - 4096).Select(i => (byte)(i * 31 + 7)).ToArray());
        return path;
    }

    public static TheoryData<string> Operations => new()
    {
        "repository", "tips", "known", "count", "jit", "summary", "commits", "diagnostics", "cache", "scan",
    };

    private static void Do(ScanStore store, string operation)
    {
        switch (operation)
        {
            case "repository": store.Repository("/repos/other", "normal"); break;
            case "tips": store.Tips(1); break;
            case "known": store.KnownShas(1); break;
            case "count": store.CommitCount(1); break;
            case "jit": store.LoadJitState(1); break;
            case "summary": store.ReadSummaryRows(1); break;
            case "commits": _ = store.ReadCommits(1).Count(); break;
            case "diagnostics": store.DiagnosticCount(1); break;
            case "cache": store.CacheSummary(1, "s", "t", "{}"); break;
            default: store.BeginScan(1).Dispose(); break;
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void EveryOperationOnADamagedFileFailsWithOneSentenceNamingTheFile(string operation)
    {
        var path = DamagedStore();
        var error = Assert.Throws<StorageException>(() =>
        {
            using var store = ScanStore.Open(path);
            Do(store, operation);
        });
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("move it aside", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public void AFileThatIsNotSqliteSaysSoAndIsLeftAsItWas()
    {
        var path = NewDatabasePath();
        File.WriteAllText(path, new string('x', 4096));
        var error = Assert.Throws<StorageException>(() => ScanStore.Open(path));
        Assert.Equal($"{path}: cannot use as a Countersign database: file is not a database: the file is damaged or is not a SQLite database; " +
            "move it aside (e.g. rename it to *.broken) and run the command again to start a fresh database (scan results are rebuilt by a scan; " +
            "sign-offs and deploy decisions it held must be restored from a backup)", error.Message);
        Assert.Equal(new string('x', 4096), File.ReadAllText(path));
    }

    [Fact]
    public void AnExclusiveStoreHoldsTheWriterLockUntilDisposed()
    {
        var path = NewDatabasePath();
        using (ScanStore.Open(path, new StoreLocking(TimeSpan.Zero, Exclusive: true)))
        {
            var error = Assert.Throws<StorageException>(() => WriterLock.Acquire(path, TimeSpan.Zero));
            Assert.StartsWith($"{path}: another countersign process", error.Message, StringComparison.Ordinal);
        }

        WriterLock.Acquire(path, TimeSpan.Zero).Dispose();
    }

    [Fact]
    public void AWriteWaitsForTheLockAndGivesUpAfterItsWaitNamingTheFile()
    {
        var path = NewDatabasePath();
        ScanStore.Open(path).Dispose();
        var told = 0;
        using var store = ScanStore.Open(path, new StoreLocking(TimeSpan.FromMilliseconds(400), () => told++));
        using (WriterLock.Acquire(path, TimeSpan.Zero))
        {
            var error = Assert.Throws<StorageException>(() => store.Repository("/repos/new", "normal"));
            Assert.Contains("gave up waiting", error.Message, StringComparison.Ordinal);
            Assert.Equal(1, told);
        }

        Assert.True(store.Repository("/repos/new", "normal") > 0);
    }

    [Fact]
    public void ReadingAKnownRepositoryTakesNoLock()
    {
        var path = NewDatabasePath();
        long id;
        using (var first = ScanStore.Open(path))
        {
            id = first.Repository("/repos/acme", "normal");
        }

        using var held = WriterLock.Acquire(path, TimeSpan.Zero);
        using var store = ScanStore.Open(path, new StoreLocking(TimeSpan.Zero));
        Assert.Equal(id, store.Repository("/repos/acme", "normal"));
    }
}
