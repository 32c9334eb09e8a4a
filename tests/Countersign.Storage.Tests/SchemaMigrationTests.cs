using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage.Tests;

public sealed class SchemaMigrationTests
{
    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void AVersionOneDatabaseIsMigratedAndKeepsItsScans()
    {
        var path = Path.Combine(TempGitRepo.NewTempDirectory("migrate"), "countersign.db");
        var tip = new string('a', 40);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + $"""
                PRAGMA user_version = 1;
                INSERT INTO repositories(path, kind, last_scan_at) VALUES ('/repos/acme', 'normal', '2026-01-01T00:00:00Z');
                INSERT INTO scan_tips VALUES (1, '{tip}');
                INSERT INTO summary_cache VALUES (1, 'HEAD', 'state', '{"{}"}');
                """;
            command.ExecuteNonQuery();
        }

        using (var store = ScanStore.Open(path))
        {
            var repo = store.Repository("/repos/acme", "normal");
            Assert.Equal(1, repo);
            Assert.Equal([tip], store.Tips(repo));
            Assert.Equal("{}", store.CachedSummary(repo, "HEAD", "state"));
            Assert.Equal("2026-01-01T00:00:00Z", store.HistoryVersion(repo));
        }

        Assert.Equal(SqliteSchema.Migrations.Length, Scalar(path, "PRAGMA user_version"));
        Assert.Equal(0, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('signoffs', 'deploy_decisions')"));
    }

    [Fact]
    public void ANewDatabaseIsCreatedAtTheLatestVersionWithoutSignOffTablesWhichTheDataLayerKeeps()
    {
        var path = Path.Combine(TempGitRepo.NewTempDirectory("migrate"), "countersign.db");

        ScanStore.Open(path).Dispose();

        Assert.Equal(2, Scalar(path, "PRAGMA user_version"));
        Assert.Equal(0, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('signoffs', 'deploy_decisions')"));
    }
}
