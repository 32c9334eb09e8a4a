using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Data;
using Countersign.Server.Forges.GitHub;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Server.Tests.Webhooks;
using Countersign.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// The whole GitHub path on real parts: a real server run as a GitHub App (its key in a PEM file, its API the
/// <see cref="FakeGitHub"/>), the enforcement shop served by the fake over git's smart HTTP (fetched with installation
/// tokens), and GitHub's real webhook payloads — rewritten for this repository, its commits and its people — sent to
/// <c>POST /api/v1/webhooks/github</c> as compact JSON signed in the test. What Countersign tells GitHub is read from the
/// fake: the check runs, review requests and comments.
/// </summary>
internal sealed class GitHubStory : IAsyncDisposable
{
    public const string Name = "acme/shop";
    public const long Installation = 12345;
    public const long AppId = 4242;
    public const string PublicUrl = "https://countersign.acme.test";

    /// <summary>The shop's people with GitHub logins, and a second senior owner of payments (Ravi) so two can sign off.</summary>
    public static readonly string Org = PolicyShop.Org
        .Replace("emails: [dana@acme.test]", "emails: [dana@acme.test]\n    github: dana-j", StringComparison.Ordinal)
        .Replace("emails: [bob@acme.test]", "emails: [bob@acme.test]\n    github: bob-m", StringComparison.Ordinal)
        .Replace("emails: [sam@acme.test]", "emails: [sam@acme.test]\n    github: sam-s", StringComparison.Ordinal)
        .Replace("emails: [pat@acme.test]", "emails: [pat@acme.test]\n    github: pat-s", StringComparison.Ordinal)
        .Replace("  - id: sam\n", "  - id: ravi\n    name: Ravi Senior\n    emails: [ravi@acme.test]\n    github: ravi-s\n    level: senior\n    teams: [payments]\n  - id: sam\n", StringComparison.Ordinal);

    private static readonly string Payloads = Path.Combine(AppContext.BaseDirectory, "Forges", "GitHub", "Payloads", "octokit");
    private readonly string keyDirectory;
    private int deliveries;

    private GitHubStory(FakeGitHub fake, TestServer server, PolicyShop shop, string keyDirectory)
    {
        Fake = fake;
        Server = server;
        Shop = shop;
        this.keyDirectory = keyDirectory;
    }

    public FakeGitHub Fake { get; }

    public TestServer Server { get; }

    public PolicyShop Shop { get; }

    /// <summary>Where the fake serves the shop (the payloads' clone URL).</summary>
    public Uri CloneUrl => new(Fake.Address, Name + ".git");

    public static async Task<GitHubStory> StartAsync(Store store = Store.Sqlite, Func<GitHubOptions, GitHubOptions>? github = null)
    {
        using var rsa = RSA.Create(2048);
        var keyDirectory = TempGitRepo.NewTempDirectory("github-app-key");
        var pem = Path.Combine(keyDirectory, "app.pem");
        await File.WriteAllTextAsync(pem, rsa.ExportRSAPrivateKeyPem());
        var fake = await FakeGitHub.StartAsync(AppId, rsa);
        var shop = PolicyShop.Create();
        fake.ServeRepository(Name, Path.Combine(shop.Path, ".git"));
        var options = new GitHubOptions { AppId = AppId.ToString(CultureInfo.InvariantCulture), PrivateKeyFile = pem, ApiUrl = fake.Address.AbsoluteUri };
        var server = await TestServer.StartAsync(store, configure: o => o with
        {
            PublicUrl = PublicUrl,
            GitHub = github?.Invoke(options) ?? options,
            Mirrors = new MirrorOptions { Directory = TempGitRepo.NewTempDirectory("mirrors"), FetchInterval = TimeSpan.Zero },
            Webhooks = o.Webhooks with { GitHubSecret = WebhookClient.Secret, Poll = TimeSpan.FromMilliseconds(100), RetryBase = TimeSpan.FromMilliseconds(50) },
        });
        await server.ImportOrgAsync(Org);
        return new GitHubStory(fake, server, shop, keyDirectory);
    }

    /// <summary>Points <c>refs/pull/N/head</c> at <paramref name="revision"/>, as GitHub does for a pull request; returns the commit.</summary>
    public string PullHead(int number, string revision)
    {
        var sha = Shop.Repo.Git($"rev-parse {revision}").Trim();
        Shop.Repo.Git($"update-ref refs/pull/{number}/head {sha}");
        return sha;
    }

    /// <summary>GitHub's <c>pull_request</c> payload of <paramref name="action"/> for the shop's pull request <paramref name="number"/> at <paramref name="head"/>, by the junior.</summary>
    public Task<HttpResponseMessage> PullRequestAsync(string action, int number, string head, string? before = null)
    {
        var payload = Template($"pull_request/{(action == "opened" ? "opened" : "synchronize")}.payload.json");
        payload["action"] = action;
        payload["number"] = number;
        PullRequest(payload["pull_request"]!.AsObject(), number, head);
        if (action == "synchronize")
        {
            payload["before"] = before;
            payload["after"] = head;
        }

        return SendAsync("pull_request", payload);
    }

    /// <summary>GitHub's <c>pull_request_review</c> payload: <paramref name="login"/> (GitHub id <paramref name="userId"/>) approves <paramref name="commit"/>.</summary>
    public Task<HttpResponseMessage> ApproveAsync(int number, string head, string login, long userId, long reviewId, string commit)
    {
        var payload = Template("pull_request_review/submitted.payload.json");
        var review = payload["review"]!.AsObject();
        review["id"] = reviewId;
        review["state"] = "approved";
        review["commit_id"] = commit;
        review["body"] = null;
        review["user"]!["login"] = login;
        review["user"]!["id"] = userId;
        review["user"]!["type"] = "User";
        PullRequest(payload["pull_request"]!.AsObject(), number, head);
        return SendAsync("pull_request_review", payload);
    }

    /// <summary>The latest check run <c>countersign</c> on <paramref name="head"/>, once it satisfies <paramref name="done"/>.</summary>
    public async Task<JsonObject> CheckRunAsync(string head, Func<JsonObject, bool> done, string what)
    {
        try
        {
            return await Eventually.WaitAsync(
                () => Task.FromResult(Fake.CheckRuns.Where(r => (string?)r["head_sha"] == head).OrderBy(r => (long)r["id"]!).LastOrDefault() ?? new JsonObject()),
                run => run.ContainsKey("id") && done(run),
                what);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{await DiagnosticsAsync()}");
        }
    }

    /// <summary>What the queue and the fake saw: the deliveries and messages with their outcomes, every call to GitHub.</summary>
    public async Task<string> DiagnosticsAsync()
    {
        var services = Server.App.Services;
        var deliveries = services.GetRequiredService<WebhookDeliveryStore>();
        var outbox = services.GetRequiredService<OutboxStore>();
        var lines = new List<string>();
        foreach (var state in new[] { "queued", "working", "done", "ignored", "rejected", "parked", "failed" })
        {
            lines.AddRange((await deliveries.ListAsync(state, 50, CancellationToken.None)).Select(d => $"delivery {d.Event} {d.State} x{d.Attempts}: {d.Outcome}"));
        }

        foreach (var state in new[] { "queued", "working", "sent", "superseded", "failed", "parked" })
        {
            lines.AddRange((await outbox.ListAsync(state, 50, CancellationToken.None)).Select(m => $"message {m.Kind} {m.Slot} {m.State} x{m.Attempts}: {m.LastStatus} {m.LastError}"));
        }

        lines.AddRange(Fake.Calls.Select(c => $"call {c.Method} {c.Path}"));
        return string.Join("\n", lines);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Fake.DisposeAsync();
        Shop.Dispose();
        Directory.Delete(keyDirectory, recursive: true);
    }

    private void PullRequest(JsonObject pull, int number, string head)
    {
        var main = Shop.Repo.Git("rev-parse main").Trim();
        pull["number"] = number;
        pull["title"] = "payments: refunds";
        pull["body"] = "Refunds for failed charges.";
        pull["draft"] = false;
        pull["labels"] = new JsonArray();
        pull["user"]!["login"] = "dana-j";
        pull["user"]!["id"] = 5001;
        pull["user"]!["type"] = "User";
        pull["head"]!["sha"] = head;
        pull["head"]!["ref"] = PolicyShop.Feature;
        pull["base"]!["sha"] = main;
        pull["base"]!["ref"] = "main";
    }

    private JsonObject Template(string file)
    {
        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(Payloads, file)))!.AsObject();
        var repository = payload["repository"]!.AsObject();
        repository["full_name"] = Name;
        repository["name"] = "shop";
        repository["owner"]!["login"] = "acme";
        repository["clone_url"] = CloneUrl.AbsoluteUri;
        repository["id"] = 77;
        repository["default_branch"] = "main";
        payload["installation"] = new JsonObject { ["id"] = Installation, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMTIzNDU=" };
        return payload;
    }

    private async Task<HttpResponseMessage> SendAsync(string eventName, JsonObject payload)
    {
        // GitHub sends compact JSON and signs exactly those bytes.
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var client = Server.Client(token: null);
        var delivery = $"7f0e0000-0000-4000-8000-{Interlocked.Increment(ref deliveries):D12}";
        return await client.SendAsync(WebhookClient.GitHubSigned(eventName, delivery, body));
    }
}
