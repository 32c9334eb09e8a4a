using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Data;
using Countersign.Server.Forges;
using Countersign.Server.Forges.Queue;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Webhooks;

/// <summary>
/// The intake endpoints on a real server over real HTTP: a delivery is stored only when authentic and well formed,
/// once per delivery id, and answered 202 after it is stored; nothing a sender sends is answered 5xx.
/// </summary>
public sealed class WebhookIntakeTests
{
    private const string Data = "/work/shared/data";

    [Fact]
    public void GitHubs_documented_test_vector_verifies_and_a_changed_body_does_not()
    {
        var secret = Encoding.UTF8.GetBytes("It's a Secret to Everybody");
        const string header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        Assert.True(WebhookSecrets.Signed(secret, "Hello, World!"u8, header));
        Assert.False(WebhookSecrets.Signed(secret, "Hello, World?"u8, header));
        Assert.False(WebhookSecrets.Signed(secret, "Hello, World!"u8, header.ToUpperInvariant().Replace("SHA256=", "sha1=")));
        Assert.False(WebhookSecrets.Signed(secret, "Hello, World!"u8, null));
    }

    [Fact]
    public async Task A_signed_delivery_is_answered_202_stored_and_worked()
    {
        var handler = new ScriptedHandler();
        await using var server = await StartAsync(handler);
        using var client = server.Client(token: null);

        var response = await client.SendAsync(WebhookClient.GitHubSigned("pull_request", "d-1", WebhookClient.Json("""{"action":"opened"}""")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("queued", receipt["state"]!.GetValue<string>());
        Assert.False(receipt["duplicate"]?.GetValue<bool>() ?? false);
        var stored = await Eventually.WaitAsync(() => Find(server, "github", "d-1"), d => d?.State == "done", "the delivery is worked");
        Assert.Equal(receipt["id"]!.GetValue<long>(), stored!.Id);
        Assert.Equal("pull_request", stored.Event);
        Assert.Equal(1, handler.Finished["d-1"]);
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_401_and_nothing_is_stored()
    {
        await using var server = await StartAsync(new ScriptedHandler());
        using var client = server.Client(token: null);
        var body = WebhookClient.Json("""{"action":"opened"}""");

        var missing = await client.SendAsync(WebhookClient.GitHub("pull_request", "d-missing", body, null));
        var wrong = await client.SendAsync(WebhookClient.GitHub("pull_request", "d-wrong", body, WebhookClient.Sign(body, "another secret")));
        var garbled = await client.SendAsync(WebhookClient.GitHub("pull_request", "d-garbled", body, "sha256=zz"));
        var otherBody = await client.SendAsync(WebhookClient.GitHub("pull_request", "d-other", WebhookClient.Json("""{"action":"closed"}"""), WebhookClient.Sign(body)));

        foreach (var response in new[] { missing, wrong, garbled, otherBody })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        foreach (var id in new[] { "d-missing", "d-wrong", "d-garbled", "d-other" })
        {
            Assert.Null(await Find(server, "github", id));
        }
    }

    [Fact]
    public async Task Bad_signatures_count_as_failed_authentications_and_an_address_over_the_limit_gets_429()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            MaxAuthFailuresPerMinute = 3,
            Webhooks = o.Webhooks with { GitHubSecret = WebhookClient.Secret },
        });
        using var client = server.Client(token: null);
        var body = WebhookClient.Json("{}");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(WebhookClient.GitHub("push", $"bad-{i}", body, WebhookClient.Sign(body, "guess")))).StatusCode);
        }

        var throttled = await client.SendAsync(WebhookClient.GitHubSigned("push", "good-after", body));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal("auth-throttled", JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        Assert.Null(await Find(server, "github", "good-after"));
    }

    [Fact]
    public async Task Parked_deliveries_are_listed_for_admins_only()
    {
        await using var server = await StartAsync(new ScriptedHandler());
        using var anonymous = server.Client(token: null);
        using var admin = server.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/webhooks/deliveries?state=parked")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/webhooks/deliveries?state=parked")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("api/v1/webhooks/deliveries?state=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/outbox?state=failed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("api/v1/webhooks/deliveries/12345/retry", null)).StatusCode);
    }

    [Fact]
    public async Task A_redelivery_of_the_same_delivery_id_changes_nothing_and_gets_the_same_answer()
    {
        var handler = new ScriptedHandler();
        await using var server = await StartAsync(handler);
        using var client = server.Client(token: null);
        var body = WebhookClient.Json("""{"action":"opened"}""");

        var first = await client.SendAsync(WebhookClient.GitHubSigned("pull_request", "d-again", body));
        await Eventually.WaitAsync(() => Find(server, "github", "d-again"), d => d?.State == "done", "the first delivery is worked");
        var again = await client.SendAsync(WebhookClient.GitHubSigned("pull_request", "d-again", body));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var one = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var two = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.Equal(one["id"]!.GetValue<long>(), two["id"]!.GetValue<long>());
        Assert.True(two["duplicate"]!.GetValue<bool>());
        await Task.Delay(500); // give a (wrong) second working the time to happen
        Assert.Equal(1, handler.Started["d-again"]);
        var depth = await server.App.Services.GetRequiredService<WebhookDeliveryStore>().DepthAsync(default);
        Assert.Equal(1, depth.ByState.Sum(s => s.Count));
    }

    [Theory]
    [InlineData("{\"action\":", "body")]
    [InlineData("[1,2,3]", "body")]
    [InlineData("\"text\"", "body")]
    [InlineData("", "body")]
    public async Task A_body_that_is_not_a_JSON_object_is_400_and_not_stored(string json, string field)
    {
        await using var server = await StartAsync(new ScriptedHandler());
        using var client = server.Client(token: null);

        var response = await client.SendAsync(WebhookClient.GitHubSigned("pull_request", "d-bad", WebhookClient.Json(json)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());
        Assert.Null(await Find(server, "github", "d-bad"));
    }

    [Fact]
    public async Task Missing_event_or_delivery_headers_are_400()
    {
        await using var server = await StartAsync(new ScriptedHandler());
        using var client = server.Client(token: null);
        var body = WebhookClient.Json("{}");
        var noEvent = WebhookClient.GitHubSigned("x", "d-1", body);
        noEvent.Headers.Remove("X-GitHub-Event");
        var noDelivery = WebhookClient.GitHubSigned("pull_request", "x", body);
        noDelivery.Headers.Remove("X-GitHub-Delivery");
        var gitlabNoEvent = WebhookClient.GitLab("x", null, body, WebhookClient.GitLabToken);
        gitlabNoEvent.Headers.Remove("X-Gitlab-Event");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(noEvent)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(noDelivery)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(gitlabNoEvent)).StatusCode);
    }

    [Fact]
    public async Task A_body_over_32_MiB_is_413_and_not_read()
    {
        await using var server = await StartAsync(new ScriptedHandler());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/v1/webhooks/github HTTP/1.1\r\nHost: {server.Address.Authority}\r\nContent-Type: application/json\r\n"
            + $"X-GitHub-Event: push\r\nX-GitHub-Delivery: d-large\r\nX-Hub-Signature-256: sha256={new string('0', 64)}\r\nContent-Length: {(33 * 1024 * 1024)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)); // the body never comes: the answer must not wait for it

        var received = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while (!received.ToString().Contains('}', StringComparison.Ordinal) && (n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30))) > 0)
        {
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        Assert.StartsWith("HTTP/1.1 413", received.ToString(), StringComparison.Ordinal);
        Assert.Contains("application/problem+json", received.ToString(), StringComparison.Ordinal);
        Assert.Null(await Find(server, "github", "d-large"));
    }

    [Fact]
    public async Task Ping_and_events_no_handler_acts_on_are_acknowledged_200_and_not_stored()
    {
        await using var server = await StartAsync(new ScriptedHandler());
        using var client = server.Client(token: null);

        var ping = await client.SendAsync(WebhookClient.GitHubSigned("ping", "d-ping", WebhookClient.Compact($"{Data}/github/webhooks/octokit/ping/payload.json")));
        var issues = await client.SendAsync(WebhookClient.GitHubSigned("issues", "d-issues", WebhookClient.Json("""{"action":"opened"}""")));

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("pong", JsonNode.Parse(await ping.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, issues.StatusCode);
        Assert.Equal("ignored", JsonNode.Parse(await issues.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
        Assert.Null(await Find(server, "github", "d-ping"));
        Assert.Null(await Find(server, "github", "d-issues"));
    }

    [Fact]
    public async Task Webhooks_are_404_where_no_secret_is_configured()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        using var client = server.Client(token: null);
        var body = WebhookClient.Json("{}");

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(WebhookClient.GitHubSigned("push", "d", body))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(WebhookClient.GitLab("Push Hook", "u", body, WebhookClient.GitLabToken))).StatusCode);
    }

    [Fact]
    public async Task GitLab_deliveries_need_the_token_and_are_idempotent_by_uuid_or_body()
    {
        await using var server = await StartAsync(new ScriptedHandler(ForgeKind.GitLab));
        using var client = server.Client(token: null);
        var body = WebhookClient.Compact($"{Data}/gitlab/webhooks/drone-go-scm/push.json");

        var wrong = await client.SendAsync(WebhookClient.GitLab("Push Hook", "u-1", body, "not the token"));
        var missing = await client.SendAsync(WebhookClient.GitLab("Push Hook", "u-1", body, null));
        var good = await client.SendAsync(WebhookClient.GitLab("Push Hook", "u-1", body, WebhookClient.GitLabToken));
        var noUuid = await client.SendAsync(WebhookClient.GitLab("Push Hook", null, body, WebhookClient.GitLabToken));
        var noUuidAgain = await client.SendAsync(WebhookClient.GitLab("Push Hook", null, body, WebhookClient.GitLabToken));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, noUuid.StatusCode);
        Assert.True(JsonNode.Parse(await noUuidAgain.Content.ReadAsStringAsync())!["duplicate"]!.GetValue<bool>());
        var hash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        Assert.NotNull(await Find(server, "gitlab", hash));
        Assert.NotNull(await Find(server, "gitlab", "u-1"));
    }

    [Fact]
    public async Task Every_real_payload_is_acknowledged_signed_and_refused_badly_signed_and_none_is_answered_5xx()
    {
        await using var server = await StartAsync(new ScriptedHandler(), new ScriptedHandler(ForgeKind.GitLab));
        using var client = server.Client(token: null);
        var github = Directory.GetFiles($"{Data}/github/webhooks", "*.json", SearchOption.AllDirectories);
        var gitlab = Directory.GetFiles($"{Data}/gitlab/webhooks", "*.json", SearchOption.AllDirectories);
        Assert.True(github.Length >= 10 && gitlab.Length >= 5, "the shared payloads are where SOURCES.md says");

        var i = 0;
        foreach (var file in github)
        {
            var body = WebhookClient.Compact(file);
            var eventName = Path.GetFileName(Path.GetDirectoryName(file))!;
            var good = await client.SendAsync(WebhookClient.GitHubSigned(eventName, $"gh-{i}", body));
            var bad = await client.SendAsync(WebhookClient.GitHub(eventName, $"gh-bad-{i}", body, WebhookClient.Sign(body, "wrong")));
            var pretty = File.ReadAllBytes(file); // signed over the compact bytes, sent pretty: the signature does not match
            var reformatted = await client.SendAsync(WebhookClient.GitHub(eventName, $"gh-pretty-{i}", pretty, WebhookClient.Sign(body)));
            Assert.True(good.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{file}: {good.StatusCode} {await good.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            Assert.Equal(pretty.SequenceEqual(body) ? HttpStatusCode.Accepted : HttpStatusCode.Unauthorized, reformatted.StatusCode);
            i++;
        }

        foreach (var file in gitlab)
        {
            var body = WebhookClient.Compact(file);
            var eventName = JsonNode.Parse(body)!["object_kind"]?.GetValue<string>() switch
            {
                "push" => "Push Hook",
                "merge_request" => "Merge Request Hook",
                "note" => "Note Hook",
                var other => $"{other} Hook",
            };
            var good = await client.SendAsync(WebhookClient.GitLab(eventName, $"gl-{i}", body, WebhookClient.GitLabToken));
            var bad = await client.SendAsync(WebhookClient.GitLab(eventName, $"gl-bad-{i}", body, WebhookClient.GitLabToken + "x"));
            Assert.True(good.StatusCode is HttpStatusCode.Accepted, $"{file}: {good.StatusCode} {await good.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            i++;
        }

        var depth = await Eventually.WaitAsync(
            () => server.App.Services.GetRequiredService<WebhookDeliveryStore>().DepthAsync(default),
            d => d.ByState.Where(s => s.State is "queued" or "working").Sum(s => s.Count) == 0, "every stored delivery is worked");
        Assert.Equal(github.Length - 1 + gitlab.Length, depth.ByState.Where(s => s.State == "done").Sum(s => s.Count)); // all but ping
    }

    internal static Task<TestServer> StartAsync(params ScriptedHandler[] handlers) =>
        TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            MaxAuthFailuresPerMinute = 10_000,
            Webhooks = o.Webhooks with { GitHubSecret = WebhookClient.Secret, GitLabToken = WebhookClient.GitLabToken, Poll = TimeSpan.FromMilliseconds(100) },
        }, services: s =>
        {
            foreach (var handler in handlers)
            {
                s.AddSingleton<IDeliveryHandler>(handler);
            }
        });

    internal static Task<DeliverySummary?> Find(TestServer server, string source, string deliveryId) =>
        server.App.Services.GetRequiredService<WebhookDeliveryStore>().FindAsync(source, deliveryId, default);
}
