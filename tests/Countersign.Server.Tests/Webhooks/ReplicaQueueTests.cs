using System.Net;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;

namespace Countersign.Server.Tests.Webhooks;

/// <summary>
/// Two real server processes on one PostgreSQL, each working the shared queue with a handler that records which
/// process worked each delivery (tests/Countersign.QueueReplica): every delivery is worked exactly once while both
/// live, and a replica killed with SIGKILL in the middle of a delivery leaves it to the other once its lease expires.
/// </summary>
public sealed class ReplicaQueueTests
{
    [Fact]
    public async Task Two_replicas_on_one_postgres_work_each_delivery_exactly_once()
    {
        var database = await Postgres.NewDatabaseAsync();
        var records = TempGitRepo.NewTempDirectory("cs-replicas");
        using var first = await StartAsync(database, records, leaseSeconds: 30);
        using var second = await StartAsync(database, records, leaseSeconds: 30);
        var ids = Enumerable.Range(0, 200).Select(i => $"both-{i}").ToList();

        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, cancel) =>
        {
            using var client = new HttpClient { BaseAddress = item.i % 2 == 0 ? first.Address : second.Address };
            var response = await client.SendAsync(WebhookClient.GitHubSigned("push", item.id, WebhookClient.Json($$"""{"n":{{item.i}}}""")), cancel);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });

        var lines = await Eventually.WaitAsync(() => Task.FromResult(Read(records)), l => l.Count(x => x.What == "done") >= ids.Count, "every delivery is worked");
        await Task.Delay(1000); // time for a (wrong) second working to show

        lines = Read(records);
        foreach (var id in ids)
        {
            Assert.Single(lines, l => l.What == "start" && l.Id == id);
            Assert.Single(lines, l => l.What == "done" && l.Id == id);
        }

        Assert.Equal(2, lines.Select(l => l.Process).Distinct().Count()); // both replicas took part
    }

    [Fact]
    public async Task A_replica_killed_in_the_middle_of_a_delivery_leaves_it_to_the_other_after_the_lease_expires()
    {
        var database = await Postgres.NewDatabaseAsync();
        var records = TempGitRepo.NewTempDirectory("cs-replicas");
        var first = await StartAsync(database, records, leaseSeconds: 3);
        var second = await StartAsync(database, records, leaseSeconds: 3);
        try
        {
            using (var client = new HttpClient { BaseAddress = first.Address })
            {
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(WebhookClient.GitHubSigned("hang", "killed-mid-way", WebhookClient.Json("{}")))).StatusCode);
            }

            var started = await Eventually.WaitAsync(() => Task.FromResult(Read(records)), l => l.Any(x => x.What == "start"), "a replica starts the delivery");
            var worker = started.Single(l => l.What == "start").Process;
            var (victim, survivor) = worker == first.ProcessId ? (first, second) : (second, first);
            victim.Kill(); // SIGKILL: no shutdown, the lease is left as it was

            var lines = await Eventually.WaitAsync(() => Task.FromResult(Read(records)), l => l.Any(x => x.What == "done"), "the other replica finishes it after the lease expires", seconds: 60);
            var done = Assert.Single(lines, l => l.What == "done");
            Assert.Equal(survivor.ProcessId, done.Process);
            Assert.Equal("killed-mid-way", done.Id);
            Assert.DoesNotContain(lines, l => l.What == "done" && l.Process == victim.ProcessId);
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }
    }

    private static Task<ServerProcess> StartAsync(string database, string records, int leaseSeconds) =>
        ServerProcess.StartAsync(
            [database, records, leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(90),
            new Dictionary<string, string> { ["COUNTERSIGN_GITHUB_WEBHOOK_SECRET"] = WebhookClient.Secret },
            Path.Combine(AppContext.BaseDirectory, "Countersign.QueueReplica.dll"));

    private static List<(int Process, string What, string Id)> Read(string records) =>
        Directory.GetFiles(records, "*.log")
            .SelectMany(file => File.ReadAllLines(file).Where(l => l.Contains(' ', StringComparison.Ordinal)).Select(l =>
            {
                var parts = l.Split(' ', 2);
                return (int.Parse(Path.GetFileNameWithoutExtension(file), System.Globalization.CultureInfo.InvariantCulture), parts[0], parts[1]);
            }))
            .ToList();
}
