using System.Net;
using System.Text.Json.Nodes;
using Countersign.Data;
using Countersign.Server.Forges;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Webhooks;

/// <summary>The workers behind the queues: retries with backoff or the asked wait, parking, the outbox's slots, restarts.</summary>
public sealed class QueueWorkerTests
{
    [Fact]
    public async Task A_delivery_whose_handler_keeps_failing_is_retried_with_backoff_then_parked()
    {
        var handler = new ScriptedHandler();
        await using var server = await StartAsync(handler);
        using var client = server.Client(token: null);

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(WebhookClient.GitHubSigned("throw", "d-throw", WebhookClient.Json("{}")))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(WebhookClient.GitHubSigned("reject", "d-reject", WebhookClient.Json("{}")))).StatusCode);

        var parked = await Eventually.WaitAsync(() => WebhookIntakeTests.Find(server, "github", "d-throw"), d => d?.State == "parked", "the failing delivery is parked");
        Assert.Equal(3, parked!.Attempts);
        Assert.Equal(3, handler.Started["d-throw"]);
        Assert.Contains("scripted failure", parked.Outcome);
        var rejected = await Eventually.WaitAsync(() => WebhookIntakeTests.Find(server, "github", "d-reject"), d => d?.State == "rejected", "the rejected delivery ends");
        Assert.Equal(1, rejected!.Attempts);
        var listed = await server.App.Services.GetRequiredService<WebhookDeliveryStore>().ListAsync("parked", 10, default);
        Assert.Equal("d-throw", Assert.Single(listed).DeliveryId);

        // Once the cause is fixed, an admin queues it again: its attempts start over.
        using var admin = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/v1/webhooks/deliveries/{parked.Id}/retry", null)).StatusCode);
        var again = await Eventually.WaitAsync(() => WebhookIntakeTests.Find(server, "github", "d-throw"), d => d is { State: "parked", Attempts: 3 } && handler.Started["d-throw"] == 6, "the delivery is worked again and parked again");
        Assert.Equal("parked", again!.State);
    }

    [Fact]
    public async Task A_retry_with_a_wait_is_due_again_no_sooner_than_asked()
    {
        var handler = new ScriptedHandler { RetryAfter = TimeSpan.FromHours(1) };
        await using var server = await StartAsync(handler);
        using var client = server.Client(token: null);
        var before = DateTimeOffset.UtcNow;

        await client.SendAsync(WebhookClient.GitHubSigned("retry", "d-later", WebhookClient.Json("{}")));

        var queued = await Eventually.WaitAsync(() => WebhookIntakeTests.Find(server, "github", "d-later"), d => d is { State: "queued", Attempts: 1 }, "the delivery is back in the queue");
        Assert.True(queued!.NextAt >= before + TimeSpan.FromHours(1), $"due at {queued.NextAt:O}, asked for an hour after {before:O}");
        Assert.Equal("scripted retry", queued.Outcome);
    }

    [Fact]
    public async Task An_outbox_message_supersedes_unsent_ones_of_its_slot_and_two_of_one_slot_are_never_out_at_once()
    {
        await using var database = await OpenAsync();
        var store = new OutboxStore(database);
        var now = DateTimeOffset.UtcNow;

        await store.EnqueueAsync([new("github", "check-run", "slot-a", """{"n":1}"""), new("github", "check-run", "slot-a", """{"n":2}"""), new("github", "comment", "slot-b", "{}")], now, default);
        var claimed = await store.ClaimAsync("w1", 10, now, now.AddMinutes(1), default);
        await store.EnqueueAsync([new("github", "check-run", "slot-a", """{"n":3}""")], now, default);
        var whileOut = await store.ClaimAsync("w2", 10, now, now.AddMinutes(1), default);

        Assert.Equal(["""{"n":2}""", "{}"], claimed.Select(m => m.Payload));
        Assert.Equal("""{"n":1}""", Assert.Single(await store.ListAsync("superseded", 10, default)).Payload);
        Assert.Empty(whileOut); // slot-a's n=3 waits while n=2 is being sent
        var sent = claimed.Single(m => m.Slot == "slot-a");
        await store.CompleteAsync([new MessageCompletion(new Lease(sent.Id, "w1", sent.Attempts), "sent", "201 Created", null, """{"id":7}""", now)], default);
        var next = await store.ClaimAsync("w2", 10, now, now.AddMinutes(1), default);
        Assert.Equal("""{"n":3}""", Assert.Single(next).Payload);
        Assert.Equal("""{"id":7}""", Assert.Single(await store.ListAsync("sent", 10, default)).Response);
    }

    [Fact]
    public async Task An_expired_lease_hands_the_row_to_another_worker_and_the_first_can_no_longer_finish_it()
    {
        await using var database = await OpenAsync();
        var store = new WebhookDeliveryStore(database);
        var now = DateTimeOffset.UtcNow;
        await store.ReceiveAsync([new IncomingDelivery("github", "d-lease", "push", "{}")], now, default);

        var first = Assert.Single(await store.ClaimAsync("w1", 5, now, now.AddSeconds(30), default));
        Assert.Empty(await store.ClaimAsync("w2", 5, now.AddSeconds(10), now.AddSeconds(40), default));
        var second = Assert.Single(await store.ClaimAsync("w2", 5, now.AddSeconds(31), now.AddSeconds(61), default));
        var written = await store.CompleteAsync([new DeliveryCompletion(new Lease(first.Id, "w1", first.Attempts), "done", "late", now)], default);
        var lost = await store.RenewAsync([new Lease(first.Id, "w1", first.Attempts)], now.AddSeconds(90), default);

        Assert.Equal(2, second.Attempts);
        Assert.False(Assert.Single(written));
        Assert.Equal([first.Id], lost);
        Assert.True(Assert.Single(await store.CompleteAsync([new DeliveryCompletion(new Lease(second.Id, "w2", second.Attempts), "done", "worked", now)], default)));
    }

    [Fact]
    public async Task The_outbox_honours_Retry_After_and_parks_a_message_that_keeps_failing()
    {
        var sender = new ScriptedSender();
        await using var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            Webhooks = o.Webhooks with { MaxAttempts = 3, RetryBase = TimeSpan.FromMilliseconds(20), Poll = TimeSpan.FromMilliseconds(100) },
        }, services: s => s.AddSingleton<IOutboxSender>(sender));
        var outbox = server.App.Services.GetRequiredService<IOutbox>();
        var store = server.App.Services.GetRequiredService<OutboxStore>();
        var before = DateTimeOffset.UtcNow;

        await outbox.EnqueueAsync([
            new OutboxMessage(ForgeKind.GitHub, "rate-limited", "slot-1", new JsonObject()),
            new OutboxMessage(ForgeKind.GitHub, "broken", "slot-2", new JsonObject()),
            new OutboxMessage(ForgeKind.GitHub, "fine", "slot-3", new JsonObject { ["n"] = 1 }),
            new OutboxMessage(ForgeKind.GitHub, "refused", "slot-4", new JsonObject())], default);

        var parked = await Eventually.WaitAsync(() => store.ListAsync("parked", 10, default), p => p.Count == 1, "the failing message is parked");
        Assert.Equal("broken", parked[0].Kind);
        Assert.Equal(3, parked[0].Attempts);
        var waiting = Assert.Single(await Eventually.WaitAsync(() => store.ListAsync("queued", 10, default), q => q.Count == 1, "the rate-limited message waits"));
        Assert.True(waiting.NextAt >= before + TimeSpan.FromMinutes(30), $"due at {waiting.NextAt:O}");
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal("fine", Assert.Single(await store.ListAsync("sent", 10, default)).Kind);
        Assert.Equal("refused", Assert.Single(await store.ListAsync("failed", 10, default)).Kind);
    }

    [Fact]
    public async Task A_server_stopped_with_deliveries_queued_works_every_one_exactly_once_after_a_restart()
    {
        var first = new ScriptedHandler();
        var database = await TestServer.NewDatabaseAsync(Store.Sqlite);
        var server = await StartAsync(first, database, workers: 1);
        using (var client = server.Client(token: null))
        {
            for (var i = 0; i < 5; i++)
            {
                await client.SendAsync(WebhookClient.GitHubSigned("push", $"early-{i}", WebhookClient.Json("{}")));
            }

            await Eventually.WaitAsync(() => Task.FromResult(first.Finished.Count), n => n == 5, "the first five are worked");
            await client.SendAsync(WebhookClient.GitHubSigned("hold", "held", WebhookClient.Json("{}")));
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(WebhookClient.GitHubSigned("push", $"late-{i}", WebhookClient.Json("{}")))).StatusCode);
            }

            await Eventually.WaitAsync(() => Task.FromResult(first.Started.ContainsKey("held")), s => s, "the held delivery is started");
        }

        await server.DisposeAsync(); // stops with one delivery in the middle and twenty queued

        var second = new ScriptedHandler();
        second.Release();
        await using var restarted = await StartAsync(second, database, workers: 4);
        var depth = await Eventually.WaitAsync(
            () => restarted.App.Services.GetRequiredService<WebhookDeliveryStore>().DepthAsync(default),
            d => d.ByState.Where(s => s.State == "done").Sum(s => s.Count) == 26, "all 26 are done after the restart");

        Assert.Equal(26, depth.ByState.Sum(s => s.Count));
        foreach (var id in Enumerable.Range(0, 5).Select(i => $"early-{i}").Concat(Enumerable.Range(0, 20).Select(i => $"late-{i}")).Append("held"))
        {
            Assert.Equal(1, first.Finished.GetValueOrDefault(id) + second.Finished.GetValueOrDefault(id));
        }

        Assert.False(first.Finished.ContainsKey("held"));
        Assert.Equal(1, second.Finished["held"]);
    }

    private static Task<TestServer> StartAsync(ScriptedHandler handler, string? database = null, int workers = 8) =>
        TestServer.StartAsync(Store.Sqlite, database, o => o with
        {
            MaxAuthFailuresPerMinute = 10_000,
            Webhooks = o.Webhooks with
            {
                GitHubSecret = WebhookClient.Secret,
                Workers = workers,
                MaxAttempts = 3,
                RetryBase = TimeSpan.FromMilliseconds(20),
                Lease = TimeSpan.FromSeconds(2),
                Poll = TimeSpan.FromMilliseconds(100),
            },
        }, s => s.AddSingleton<IDeliveryHandler>(handler));

    private static async Task<ServerDatabase> OpenAsync()
    {
        var database = ServerDatabase.Open(await TestServer.NewDatabaseAsync(Store.Sqlite));
        await Migrations.ApplyAsync(database);
        return database;
    }

    /// <summary>An outbox sender that answers by the message's kind.</summary>
    private sealed class ScriptedSender : IOutboxSender
    {
        public ForgeKind Target => ForgeKind.GitHub;

        public Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellation) => Task.FromResult<SendResult>(item.Kind switch
        {
            "rate-limited" => new SendResult.Retry("429 Too Many Requests: rate limited", TimeSpan.FromHours(1)),
            "broken" => new SendResult.Retry("502 Bad Gateway"),
            "refused" => new SendResult.Failed("422 Unprocessable Entity: no"),
            _ => new SendResult.Sent("201 Created", new JsonObject { ["id"] = item.Id }),
        });
    }
}
