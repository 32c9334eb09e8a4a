using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Core.Audit;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Server.Tests.Audit;

/// <summary>
/// A server's database tampered with directly, one way at a time: <c>countersign audit verify</c> reads the chain
/// itself (trusting nothing the server says), fails, and names the kind of tampering and the record.
/// </summary>
public sealed class TamperTests : IAsyncLifetime
{
    private string original = "";
    private string folder = "";

    public async ValueTask InitializeAsync()
    {
        var database = await TestServer.NewDatabaseAsync(Store.Sqlite);
        await using (var server = await TestServer.StartAsync(Store.Sqlite, database))
        {
            await server.ImportOrgAsync(PolicyShop.Org);
            using var shop = PolicyShop.Create();
            using var ci = server.Client(await server.TokenAsync("ci"));
            using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
            var change = await Api.ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/1"), TestServer.Json));
            await Api.ApiTests.Read<SignOffResponse>(await erin.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, change.PatchId), TestServer.Json));
        }

        original = database;
        folder = TempGitRepo.NewTempDirectory("cs-tamper");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void The_untouched_log_verifies()
    {
        var result = Verify(Copy("intact"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("audit log intact", result.Stdout);
    }

    [Fact]
    public void A_modified_record_is_named()
    {
        var db = Copy("modified");
        var seq = Scalar(db, "SELECT sequence FROM audit_log WHERE kind = 'signoff.approve'");
        Execute(db, $"UPDATE audit_log SET content = replace(content, '\"erin\"', '\"sam\"') WHERE sequence = {seq}");
        AssertNamed(Verify(db), "modified", $"#{seq}");
    }

    [Fact]
    public void A_deleted_record_is_named()
    {
        var db = Copy("deleted");
        Execute(db, "DELETE FROM audit_log WHERE sequence = 3");
        AssertNamed(Verify(db), "deleted", "#3");
    }

    [Fact]
    public void A_deleted_last_record_is_named_by_the_recorded_head()
    {
        var db = Copy("truncated");
        var last = Scalar(db, "SELECT MAX(sequence) FROM audit_log");
        Execute(db, $"DELETE FROM audit_log WHERE sequence = {last}");
        AssertNamed(Verify(db), "deleted", $"#{last}");
    }

    [Fact]
    public void A_forged_record_appended_with_a_valid_hash_is_named_as_inserted()
    {
        var db = Copy("appended");
        var last = Scalar(db, "SELECT MAX(sequence) FROM audit_log");
        var hash = Text(db, $"SELECT hash FROM audit_log WHERE sequence = {last}");
        var forged = AuditChain.Next(new AuditRecord(last, DateTimeOffset.UtcNow, "", "", "", "", hash), DateTimeOffset.UtcNow, "signoff.approve", "token:forged", new JsonObject { ["person"] = "mallory" });
        Execute(db, $"INSERT INTO audit_log (sequence, at, kind, actor, content, previous_hash, hash) VALUES ({forged.Sequence}, '{forged.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}', '{forged.Kind}', '{forged.Actor}', '{forged.Content}', '{forged.PreviousHash}', '{forged.Hash}')");
        AssertNamed(Verify(db), "inserted", $"#{forged.Sequence}");
    }

    [Fact]
    public void A_record_replaced_by_a_forgery_that_links_backwards_is_named_at_the_break()
    {
        var db = Copy("replaced");
        var previous = Text(db, "SELECT hash FROM audit_log WHERE sequence = 3");
        var forged = AuditChain.Next(new AuditRecord(3, DateTimeOffset.UtcNow, "", "", "", "", previous), DateTimeOffset.UtcNow, "token.created", "token:forged", new JsonObject { ["scope"] = "admin" });
        Execute(db, $"UPDATE audit_log SET kind = '{forged.Kind}', actor = '{forged.Actor}', at = '{forged.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}', content = '{forged.Content}', hash = '{forged.Hash}' WHERE sequence = 4");
        AssertNamed(Verify(db), "inserted", "#5");
    }

    [Fact]
    public void Two_records_that_swapped_places_are_named_as_reordered()
    {
        var db = Copy("reordered");
        Execute(db, "UPDATE audit_log SET sequence = -1 WHERE sequence = 4; UPDATE audit_log SET sequence = 4 WHERE sequence = 5; UPDATE audit_log SET sequence = 5 WHERE sequence = -1");
        var result = Verify(db);
        AssertNamed(result, "reordered", "#4");
        Assert.Contains("#5", result.Stdout);
    }

    private static void AssertNamed((int ExitCode, string Stdout, string Stderr) result, string kind, string record)
    {
        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        Assert.Contains("tampered with", result.Stdout);
        Assert.Contains(result.Stdout.Split('\n'), l => l.Contains(kind, StringComparison.Ordinal) && l.Contains(record, StringComparison.Ordinal));
    }

    private (int ExitCode, string Stdout, string Stderr) Verify(string db) => CliRunner.Run(folder, "audit", "verify", "--database", db);

    private string Copy(string name)
    {
        var target = Path.Combine(folder, name + ".db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(original + suffix))
            {
                File.Copy(original + suffix, target + suffix);
            }
        }

        return target;
    }

    private static void Execute(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(string db, string sql) => Convert.ToInt64(Query(db, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(string db, string sql) => (string)Query(db, sql)!;

    private static object? Query(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
