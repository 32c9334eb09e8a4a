using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>
/// Local, server-less enforcement keeps its sign-offs and deploy decisions through the one data layer, in a record
/// beside the scan database (<c>countersign.record.db</c>): with the server's schema and audit chain, so
/// <c>countersign audit verify --database</c> checks it; what a former countersign kept in the scan database moves in once.
/// </summary>
public sealed class LocalRecordTests : IDisposable
{
    private readonly PolicyShop shop = PolicyShop.Create();
    private readonly string folder = TempGitRepo.NewTempDirectory("record");

    private string ScanDatabase => Path.Combine(shop.Path, ".git", "countersign", "countersign.db");

    private string Record => Path.Combine(shop.Path, ".git", "countersign", "countersign.record.db");

    public void Dispose()
    {
        shop.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void LocalApprovalIsInTheAuditChain()
    {
        var approve = shop.Approve("erin", "--comment", "looks right");
        Assert.True(approve.ExitCode == 0, approve.Stderr);

        var id = (string)Rows(Record, "SELECT id FROM signoffs").Single()[0]!;
        Assert.Equal(["signoff.approve", "local", $"signoff:{id}"], Rows(Record, "SELECT kind, actor, subject FROM audit_log").Single());
        var verify = shop.Run("audit", "verify", "--database", Record);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Contains("audit log intact", verify.Stdout, StringComparison.Ordinal);

        Execute(Record, "UPDATE signoffs SET person_id = 'dana'");
        var tampered = shop.Run("audit", "verify", "--database", Record);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("person_id is \"dana\" but record #1", tampered.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocalDeployDecisionIsInTheAuditChain()
    {
        var running = shop.Repo.Git("rev-parse main").Trim();
        Assert.Equal(0, shop.Approve("erin").ExitCode);
        shop.Repo.Git($"merge -q --no-ff -m \"Merge {PolicyShop.Feature}\" {PolicyShop.Feature}");
        var to = shop.Repo.Git("rev-parse main").Trim();

        var gate = shop.Run("deploy-gate", "--service", "payments", "--environment", "production", "--from", running, "--to", "main");

        Assert.True(gate.ExitCode == 0, gate.Stdout + gate.Stderr);
        Assert.Equal(["payments", "production", running, to, 1L], Rows(Record, "SELECT service, environment, from_sha, to_sha, allowed FROM deploy_decisions").Single());
        Assert.Equal(["deploy.decided", "deploy:1"], Rows(Record, "SELECT kind, subject FROM audit_log WHERE kind LIKE 'deploy.%'").Single());
        Assert.Equal(0, shop.Run("audit", "verify", "--database", Record).ExitCode);
    }

    [Fact]
    public void LocalSignOffsFromTheOldSchemaAreMigratedWithoutLoss()
    {
        // The change's real key and patch identities, from an approval recorded elsewhere.
        var scratch = Path.Combine(folder, "scratch.db");
        Assert.Equal(0, shop.Approve("erin", "--db", scratch).ExitCode);
        var given = Rows(Path.Combine(folder, "scratch.record.db"), "SELECT repository, change_key, patch_id, file_patch_ids, head_sha FROM signoffs").Single();
        var (repository, key, patch, files, head) = ((string)given[0]!, (string)given[1]!, (string)given[2]!, (string)given[3]!, (string)given[4]!);

        Directory.CreateDirectory(Path.GetDirectoryName(ScanDatabase)!);
        Execute(ScanDatabase, FormerScanDatabase.Ddl);
        Execute(ScanDatabase, """
            INSERT INTO repositories (path, kind) VALUES (@repository, 'normal');
            INSERT INTO signoffs VALUES ('so-old-1', 1, @key, 'erin', 'approve', @patch, @files, @head, '2026-03-01T09:30:00.1234567Z', 'read it twice ✓');
            INSERT INTO signoffs VALUES ('so-old-2', 1, 'pr/elsewhere', 'sam', 'reject', 'ffff', '{}', @head, '2026-02-01T08:00:00.0000000Z', NULL);
            INSERT INTO deploy_decisions (repo_id, service, environment, from_sha, to_sha, allowed, summary, at)
            VALUES (1, 'payments', 'production', NULL, @head, 0, '{"changes":[{"commit":"abc"}]}', '2026-03-01T11:00:00.0000000Z');
            """, ("@repository", repository), ("@key", key), ("@patch", patch), ("@files", files), ("@head", head));

        var check = shop.Check();

        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.Contains("approved by Erin Senior", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            [
                ["so-old-1", repository, key, "erin", "approve", patch, files, head, "2026-03-01T09:30:00.1234567Z", "read it twice ✓"],
                ["so-old-2", repository, "pr/elsewhere", "sam", "reject", "ffff", "{}", head, "2026-02-01T08:00:00.0000000Z", null],
            ],
            Rows(Record, "SELECT id, repository, change_key, person_id, kind, patch_id, file_patch_ids, head_sha, at, comment FROM signoffs ORDER BY id"));
        Assert.Equal(
            [repository, "payments", "production", null, head, 0L, """{"changes":[{"commit":"abc"}]}""", "2026-03-01T11:00:00.0000000Z"],
            Rows(Record, "SELECT repository, service, environment, from_sha, to_sha, allowed, summary, at FROM deploy_decisions").Single());
        Assert.Equal(3L, Rows(Record, "SELECT COUNT(*) FROM audit_log WHERE actor = 'system' AND content LIKE '%movedFrom%'").Single()[0]);
        Assert.Equal(0L, Rows(ScanDatabase, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('signoffs', 'deploy_decisions')").Single()[0]);

        // Once: opening again moves nothing twice; the chain vouches for every moved row; the scan cache still scans.
        Assert.Equal(0, shop.Check().ExitCode);
        Assert.Equal(3L, Rows(Record, "SELECT COUNT(*) FROM audit_log").Single()[0]);
        var verify = shop.Run("audit", "verify", "--database", Record);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Contains("3 state row(s) accounted for", verify.Stdout, StringComparison.Ordinal);
        var scan = shop.Run("scan", ".");
        Assert.True(scan.ExitCode == 0, scan.Stderr);
    }

    [Fact]
    public async Task ApprovalsFromSeveralProcessesAtOnceAreAllRecordedInOneUnbrokenChain()
    {
        var cancel = TestContext.Current.CancellationToken;
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => shop.Approve("erin", "--comment", $"approval {i}"), cancel)))
            .WaitAsync(TimeSpan.FromMinutes(3), cancel);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Equal(4L, Rows(Record, "SELECT COUNT(*) FROM signoffs").Single()[0]);
        Assert.Equal([1L, 2L, 3L, 4L], Rows(Record, "SELECT sequence FROM audit_log ORDER BY sequence").Select(r => r[0]));
        Assert.Equal(0, shop.Run("audit", "verify", "--database", Record).ExitCode);
    }

    private static List<object?[]> Rows(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }

        return rows;
    }

    private static void Execute(string database, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
