using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.History.Jit;
using Countersign.Core.Provenance;
using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage.Tests;

public sealed class ScanStoreTests
{
    private static string NewDatabasePath() => Path.Combine(TempGitRepo.NewTempDirectory("store"), "scan.db");

    private static ScannedCommit Sample(string sha, ProvenanceStatus status = ProvenanceStatus.Ai)
    {
        var when = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        var commit = new CommitRecord(sha, ["p1"], new GitIdentity("Dana <x>", "dana@acme.example", when), new GitIdentity("GitHub", "noreply@github.com", when),
            "Subject line\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            [new FileChange("svc/a.cs", 10, 2), new FileChange("img.png", null, null, IsBinary: true), new FileChange("new.cs", 1, 1, OldPath: "old.cs")]);
        var evidence = new Evidence(EvidenceKind.Trailer, "claude-code", "Co-Authored-By: Claude <noreply@anthropic.com>", 0.99, ProvenanceStatus.Ai);
        var lines = new LineAttribution([new FileLineAttribution("svc/a.cs", 8, 1, 1, ["claude-code"])], ["git-ai"]);
        var provenance = new CommitProvenance(status, status == ProvenanceStatus.Ai ? ["claude-code"] : [], status == ProvenanceStatus.Ai ? [evidence] : [], lines);
        var features = new JitFeatures(1, 2, 3, 0.5, 11, 3, 100, false, 2, 3.5, 4, 5, 4.5, 3);
        return new ScannedCommit(commit, provenance, features, [Diagnostic.Warning("refs/notes/ai:abc", "odd indentation", 3, 1)]);
    }

    [Fact]
    public void AWrittenCommitReadsBackWithEveryExportedField()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var repo = store.Repository("/repos/acme", "normal");
        using (var writer = store.BeginScan(repo))
        {
            writer.Add(Sample(new string('a', 40)));
            writer.Complete([new string('a', 40)], new JitState(), "2026-11-26T00:00:00Z");
        }

        var stored = Assert.Single(store.ReadCommits(repo));

        Assert.Equal(["p1"], stored.Parents);
        Assert.Equal("Dana <x>", stored.Author.Name);
        Assert.Equal("2026-03-04T05:06:07+02:00", stored.Author.Time);
        Assert.Equal("Subject line", stored.Subject);
        Assert.True(stored.Ai.Assisted);
        Assert.Equal("ai", stored.Ai.Status);
        Assert.Equal(["claude-code"], stored.Ai.Tools);
        Assert.Equal(EvidenceKind.Trailer, Assert.Single(stored.Ai.Evidence).Kind);
        Assert.Equal((8L, 1L, 1L), (stored.Ai.Lines!.Ai, stored.Ai.Lines.Human, stored.Ai.Lines.Unknown));
        Assert.Equal(new StoredStats(3, 11, 3, 1), stored.Stats);
        Assert.Equal("old.cs", stored.Files.Single(f => f.Path == "new.cs").OldPath);
        Assert.Equal(8, stored.Files.Single(f => f.Path == "svc/a.cs").AiLines);
        Assert.Null(stored.Files.Single(f => f.Path == "img.png").Added);
        Assert.Equal(100, stored.Features.Lt);
        Assert.Equal(1, store.DiagnosticCount(repo));
        Assert.Equal([new string('a', 40)], store.Tips(repo));
    }

    [Fact]
    public void AScanThatIsNotCompletedLeavesNoTrace()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var repo = store.Repository("/repos/acme", "normal");
        using (var writer = store.BeginScan(repo))
        {
            writer.Add(Sample(new string('b', 40)));
        }

        Assert.Equal(0, store.CommitCount(repo));
        Assert.Null(store.LoadJitState(repo));
    }

    [Fact]
    public void ReplacingARepositoryForgetsItsEarlierResults()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var repo = store.Repository("/repos/acme", "normal");
        using (var writer = store.BeginScan(repo))
        {
            writer.Add(Sample(new string('c', 40)));
            writer.Complete([], new JitState(), "t1");
        }

        using (var writer = store.BeginScan(repo, replace: true))
        {
            writer.Add(Sample(new string('d', 40), ProvenanceStatus.Unknown));
            writer.Complete([], new JitState(), "t2");
        }

        var only = Assert.Single(store.ReadCommits(repo));
        Assert.Equal(new string('d', 40), only.Sha);
        Assert.Equal(3, only.Files.Count);
    }

    [Fact]
    public void JitStateSurvivesAReopen()
    {
        var path = NewDatabasePath();
        var calculator = new JitFeatureCalculator();
        calculator.Next(Sample(new string('e', 40)).Commit);
        using (var store = ScanStore.Open(path))
        {
            var repo = store.Repository("/repos/acme", "normal");
            using var writer = store.BeginScan(repo);
            writer.Complete([], calculator.State, "t");
        }

        using var reopened = ScanStore.Open(path);
        var state = reopened.LoadJitState(reopened.Repository("/repos/acme", "normal"));

        Assert.NotNull(state);
        Assert.Equal(10 - 2, state.Files["svc/a.cs"].Lines);
        Assert.Equal(1, state.NextChange);
    }

    [Fact]
    public void AForeignSqliteDatabaseIsRefusedAndLeftUntouched()
    {
        var path = NewDatabasePath();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE precious(x); INSERT INTO precious VALUES (42);";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StorageException>(() => ScanStore.Open(path));

        Assert.Contains("not a Countersign database", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT x FROM precious";
        Assert.Equal(42L, count.ExecuteScalar());
    }

    [Fact]
    public void ADatabaseFromANewerCountersignIsRefused()
    {
        var path = NewDatabasePath();
        ScanStore.Open(path).Dispose();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StorageException>(() => ScanStore.Open(path));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotSqliteIsReportedWithItsPath()
    {
        var path = NewDatabasePath();
        File.WriteAllText(path, new string('x', 4096));

        var error = Assert.Throws<StorageException>(() => ScanStore.Open(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
