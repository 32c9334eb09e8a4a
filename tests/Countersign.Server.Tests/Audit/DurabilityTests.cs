using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Api;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Audit;

/// <summary>
/// Real server processes: two replicas on one PostgreSQL signing off concurrently keep one consistent chain; a server
/// killed with SIGKILL in the middle of a burst loses no acknowledged sign-off and leaves a chain that verifies.
/// </summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Two_server_processes_on_one_postgres_sign_off_concurrently_with_one_consistent_chain()
    {
        var database = await Postgres.NewDatabaseAsync();
        // Both start at once: the migrations race, and exactly one applies them.
        var starting = new[] { ServerProcess.StartAsync(database), ServerProcess.StartAsync(database) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch (Exception)
        {
            // One failed: do not leave the other running after the test.
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                (await started).Dispose();
            }

            throw;
        }

        using var first = await starting[0];
        using var second = await starting[1];
        using var shop = PolicyShop.Create();
        var (ids, erin) = await PrepareAsync(first.Address, shop, changes: 40);

        var acknowledged = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(ids.Select((change, i) => (change.Id, change.Patch, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancel) =>
        {
            using var client = Client(item.i % 2 == 0 ? first.Address : second.Address, erin);
            var response = await client.PostAsJsonAsync($"api/v1/changes/{item.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, item.Patch), TestServer.Json, cancel);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            acknowledged.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel))!["signOff"]!["id"]!.ToString());
        });

        Assert.Equal(ids.Count, acknowledged.Count);
        var verify = CliRunner.Run(shop.Path, "audit", "verify", "--database", database, "--json");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var result = JsonNode.Parse(verify.Stdout)!;
        Assert.True(result["valid"]!.GetValue<bool>());

        using var admin = Client(second.Address, TestServer.AdminToken);
        var approvals = await ApiTests.Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?kind=signoff.approve&limit=500"));
        Assert.Equal(ids.Count, approvals.Items.Count);
        Assert.Equal(acknowledged.Order(), approvals.Items.Select(e => e.Content!["signOff"]!.ToString()).Order());
        var all = await ApiTests.Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?limit=500"));
        Assert.Equal(Enumerable.Range(1, all.Items.Count).Select(i => (long)i), all.Items.Select(e => e.Sequence));
        var migrations = CliRunner.Run(shop.Path, "audit", "export", "--database", database);
        Assert.Equal(0, migrations.ExitCode);
        Assert.Single(migrations.Stdout.Split('\n'), l => l.Contains("\"server.key-created\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_server_killed_during_a_burst_keeps_every_acknowledged_sign_off_and_a_valid_chain(Store store)
    {
        var database = await TestServer.NewDatabaseAsync(store);
        using var shop = PolicyShop.Create();
        var acknowledged = new ConcurrentBag<string>();
        var failed = 0;
        using (var server = await ServerProcess.StartAsync(database))
        {
            var (ids, erin) = await PrepareAsync(server.Address, shop, changes: 120);
            using var enough = new CancellationTokenSource();
            var burst = Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (change, cancel) =>
            {
                using var client = Client(server.Address, erin);
                try
                {
                    var response = await client.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, change.Patch), TestServer.Json, cancel);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync(cancel))!["signOff"]!["id"]!.ToString());
                        if (acknowledged.Count >= 20)
                        {
                            await enough.CancelAsync();
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            });
            await Task.WhenAny(burst, Task.Delay(Timeout.Infinite, enough.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            server.Kill();
            await burst;
        }

        Assert.True(acknowledged.Count >= 20, $"only {acknowledged.Count} sign-offs were acknowledged before the kill");
        Assert.True(failed > 0, "the kill came after the burst: it proved nothing");

        using var restarted = await ServerProcess.StartAsync(database);
        using var admin = Client(restarted.Address, TestServer.AdminToken);
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/v1/signoffs/{id}/attestation")).StatusCode);
        }

        var approvals = await ApiTests.Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?kind=signoff.approve&limit=500"));
        Assert.Superset(acknowledged.ToHashSet(), approvals.Items.Select(e => e.Content!["signOff"]!.ToString()).ToHashSet());
        var verify = CliRunner.Run(shop.Path, "audit", "verify", "--database", database);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Contains("audit log intact", verify.Stdout);
    }

    /// <summary>Imports the shop's directory, registers <paramref name="changes"/> changes (each its own content), returns their ids and erin's token.</summary>
    private static async Task<(List<(long Id, string Patch)> Ids, string Erin)> PrepareAsync(Uri address, PolicyShop shop, int changes)
    {
        using var admin = Client(address, TestServer.AdminToken);
        var org = await admin.PutAsync("api/v1/org", new StringContent(PolicyShop.Org, Encoding.UTF8, "application/yaml"));
        Assert.True(org.IsSuccessStatusCode, await org.Content.ReadAsStringAsync());
        string Secret(HttpResponseMessage r) => JsonNode.Parse(r.Content.ReadAsStringAsync().Result)!["secret"]!.ToString();
        var ci = Secret(await admin.PostAsJsonAsync("api/v1/tokens", new { name = "ci", scope = "ci" }));
        var erin = Secret(await admin.PostAsJsonAsync("api/v1/tokens", new { name = "erin", scope = "reviewer", person = "erin" }));
        var template = ShopChange.Registration(shop, "pr/0");
        using var client = Client(address, ci);
        var ids = new List<(long, string)>();
        for (var i = 1; i <= changes; i++)
        {
            var view = await ApiTests.Read<ChangeView>(await client.PostAsJsonAsync("api/v1/changes", template with
            {
                Facts = template.Facts with { Key = $"pr/{i}", PatchId = PatchOf(i) },
            }, TestServer.Json));
            ids.Add((view.Id, view.PatchId));
        }

        return (ids, erin);
    }

    /// <summary>A distinct content identity per change, so one approval never covers another change.</summary>
    private static string PatchOf(long i) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"content {i}")))[..40];

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
