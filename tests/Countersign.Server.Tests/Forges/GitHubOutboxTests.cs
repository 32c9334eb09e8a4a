using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Data;
using Countersign.Server.Forges;
using Countersign.Server.Forges.GitHub;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Server.Tests.Webhooks;
using Countersign.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Countersign.Server.Tests.Forges.VerdictSamples;

namespace Countersign.Server.Tests.Forges;

/// <summary>GitHub's messages through the real durable outbox and its worker, in a server run as the App.</summary>
public sealed class GitHubOutboxTests
{
    [Fact]
    public async Task ACheckRunOutlivesTwoBadGatewaysAndARateLimitAndIsSentOnceAfterGitHubsRetryAfter()
    {
        await using var app = await AppServerAsync();
        app.Fake.FailNext("POST /repos/acme/shop/check-runs", 2, FakeGitHub.Failure.BadGateway);
        app.Fake.FailNext("POST /repos/acme/shop/check-runs", 1, FakeGitHub.Failure.TooManyRequests(1));
        var services = app.Server.App.Services;
        var publication = Publication(Result(OverallStatus.Pending, [SeniorRule(RuleStatus.Pending)]));

        await services.GetRequiredService<IOutbox>().EnqueueAsync(services.GetRequiredService<GitHubPublisher>().Messages(publication), CancellationToken.None);

        var run = await Eventually.WaitAsync(() => Task.FromResult(app.Fake.CheckRuns), runs => runs.Count > 0, "the check run, sent after the failures");
        Assert.Equal("action_required", (string?)Assert.Single(run)["conclusion"]);
        var attempts = app.Fake.Calls.Where(c => c.Method == "POST" && c.Path == "/repos/acme/shop/check-runs").ToList();
        Assert.Equal(4, attempts.Count);
        Assert.True(attempts[3].At - attempts[2].At >= TimeSpan.FromSeconds(1), $"sent {attempts[3].At - attempts[2].At} after the 429 with Retry-After: 1");
        var sent = await Eventually.WaitAsync(
            () => services.GetRequiredService<OutboxStore>().ListAsync("sent", 10, CancellationToken.None), list => list.Count == 1, "the message marked sent");
        Assert.Equal(4, sent[0].Attempts);
        Assert.Equal((long?)run[0]["id"], (long?)JsonNode.Parse(sent[0].Response!)!["id"]);
    }

    [Fact]
    public async Task ANewerVerdictForTheSameHeadReplacesOneNotYetSent()
    {
        await using var app = await AppServerAsync();
        var services = app.Server.App.Services;
        var publisher = services.GetRequiredService<GitHubPublisher>();
        var pending = publisher.Messages(Publication(Result(OverallStatus.Pending, [SeniorRule(RuleStatus.Pending)])));
        var signed = publisher.Messages(Publication(Result(OverallStatus.Satisfied, [SeniorRule(RuleStatus.Approved, counted: [new(Approval("ana"), "Ana Senior", null)])])));

        // Both in one commit, as after an outage: only the later goes out.
        await services.GetRequiredService<IOutbox>().EnqueueAsync([.. pending, .. signed], CancellationToken.None);

        var runs = await Eventually.WaitAsync(() => Task.FromResult(app.Fake.CheckRuns), r => r.Count > 0, "the latest verdict's check run");
        var run = Assert.Single(runs);
        Assert.Equal("success", (string?)run["conclusion"]);
        Assert.Equal("Signed off by Ana Senior", (string?)run["output"]!["title"]);
        var superseded = await services.GetRequiredService<OutboxStore>().ListAsync("superseded", 10, CancellationToken.None);
        Assert.Equal(pending[0].Slot, Assert.Single(superseded).Slot);
        Assert.Single(app.Fake.Calls, c => c.Path == "/repos/acme/shop/check-runs");
    }

    [Fact]
    public async Task TheServerRefusesToStartWithAKeyThatIsNotAnRsaPrivateKeyOrAnAppIdThatIsNotANumber()
    {
        var folder = TempGitRepo.NewTempDirectory("github-bad-key");
        try
        {
            var notPem = Path.Combine(folder, "app.pem");
            await File.WriteAllTextAsync(notPem, "not a key\n");
            using var ec = ECDsa.Create();
            var ecPem = Path.Combine(folder, "ec.pem");
            await File.WriteAllTextAsync(ecPem, ec.ExportECPrivateKeyPem());
            using var rsa = RSA.Create(2048);
            var good = Path.Combine(folder, "good.pem");
            await File.WriteAllTextAsync(good, rsa.ExportRSAPrivateKeyPem());

            var notKey = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new GitHubOptions { AppId = "4242", PrivateKeyFile = notPem }));
            var notRsa = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new GitHubOptions { AppId = "4242", PrivateKeyFile = ecPem }));
            var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new GitHubOptions { AppId = "4242", PrivateKeyFile = Path.Combine(folder, "none.pem") }));
            var notNumber = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new GitHubOptions { AppId = "my-app", PrivateKeyFile = good }));
            var badApi = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new GitHubOptions { AppId = "4242", PrivateKeyFile = good, ApiUrl = "api.github.com", ReviewRequests = "some" }));

            Assert.Contains($"Countersign:GitHub:PrivateKeyFile: {notPem} is not an RSA private key in PEM", notKey.Message, StringComparison.Ordinal);
            Assert.Contains("is not an RSA private key in PEM", notRsa.Message, StringComparison.Ordinal);
            Assert.Contains($"Countersign:GitHub:PrivateKeyFile: cannot read {Path.Combine(folder, "none.pem")}", missing.Message, StringComparison.Ordinal);
            Assert.Contains("Countersign:GitHub:AppId: 'my-app' is not a GitHub App id", notNumber.Message, StringComparison.Ordinal);
            Assert.Contains("Countersign:GitHub:ApiUrl: 'api.github.com' is not an http:// or https:// address", badApi.Message, StringComparison.Ordinal);
            Assert.Contains("Countersign:GitHub:ReviewRequests: 'some' is neither 'none' nor a number", badApi.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static async Task StartAsync(GitHubOptions github)
        {
            await using var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with { GitHub = github });
        }
    }

    private static async Task<AppServer> AppServerAsync()
    {
        using var rsa = RSA.Create(2048);
        var folder = TempGitRepo.NewTempDirectory("github-app");
        var pem = Path.Combine(folder, "app.pem");
        await File.WriteAllTextAsync(pem, rsa.ExportRSAPrivateKeyPem());
        var fake = await FakeGitHub.StartAsync(GitHubApp.AppId, rsa);
        var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            GitHub = new GitHubOptions { AppId = "4242", PrivateKeyFile = pem, ApiUrl = fake.Address.AbsoluteUri },
            Webhooks = o.Webhooks with { Poll = TimeSpan.FromMilliseconds(100), RetryBase = TimeSpan.FromMilliseconds(50) },
        });
        return new AppServer(fake, server, folder);
    }

    private sealed record AppServer(FakeGitHub Fake, TestServer Server, string Folder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            await Fake.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
