using System.Text.Json.Nodes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Server.Forges;
using Countersign.Server.Forges.GitLab;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Forges.GitLab;

/// <summary>GitLab's outbox messages sent to a fake GitLab on loopback: the calls, their bodies, the token, and what a failure means.</summary>
public sealed class GitLabOutboxSenderTests : IAsyncLifetime
{
    private readonly GitLabVerdictPublisher publisher = new();
    private FakeGitLab gitlab = null!;
    private int ids;

    public async ValueTask InitializeAsync() => gitlab = await FakeGitLab.StartAsync();

    public async ValueTask DisposeAsync() => await gitlab.DisposeAsync();

    [Fact]
    public async Task ACommitStatusIsPostedWithTheTokenTheVerdictAndTheDashboardLink()
    {
        using var sender = Sender();
        var page = new Uri("https://countersign.example.com/ui/changes/12");

        var result = await sender.SendAsync(Item(Verdicts.On(OverallStatus.Pending, "1 of 1 applying enforced rule needs sign-off", page: page), 0), CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        var call = Assert.Single(gitlab.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/api/v4/projects/{Verdicts.Project}/statuses/{Verdicts.Sha}", call.Path);
        Assert.Equal(FakeGitLab.Token, call.Credential);
        var body = call.Body!.AsObject();
        Assert.Equal(["state", "name", "description", "target_url"], body.Select(p => p.Key));
        Assert.Equal("pending", body["state"]!.GetValue<string>());
        Assert.Equal("countersign", body["name"]!.GetValue<string>());
        Assert.Equal("Waiting for 1 sign-off: someone senior who owns payments (Erin Senior, Sam Senior)", body["description"]!.GetValue<string>());
        Assert.Equal("https://countersign.example.com/ui/changes/12", body["target_url"]!.GetValue<string>());
        Assert.Equal("pending", gitlab.Latest(Verdicts.Project, Verdicts.Sha)!.Status);
    }

    [Fact]
    public async Task APendingStatusGoesToSuccessAndASuccessBackToPendingAsANewStatus()
    {
        using var sender = Sender();

        await Send(sender, OverallStatus.Pending);
        await Send(sender, OverallStatus.Satisfied);
        await Send(sender, OverallStatus.Pending, notCounted: "mid");

        Assert.Equal(["success", "pending"], gitlab.Statuses(Verdicts.Project, Verdicts.Sha).Select(s => s.Status));
        Assert.Equal("Waiting for 1 sign-off: someone senior who owns payments (Erin Senior, Sam Senior); not counted: @mid (not senior enough)", gitlab.Latest(Verdicts.Project, Verdicts.Sha)!.Description);
        Assert.All(gitlab.Calls, c => Assert.Equal(201, c.Status));
    }

    [Fact]
    public async Task APendingStatusWhoseReasonChangedIsReplacedSoGitLabShowsTheReasonNow()
    {
        using var sender = Sender();
        await Send(sender, OverallStatus.Pending);

        var result = await Send(sender, OverallStatus.Pending, notCounted: "mid");

        Assert.Contains("replaced", Assert.IsType<SendResult.Sent>(result).Detail, StringComparison.Ordinal);
        Assert.Equal([201, 400, 201, 201], gitlab.Calls.Select(c => c.Status));
        Assert.Equal("canceled", gitlab.Calls[2].Body!["state"]!.GetValue<string>());
        var shown = gitlab.Latest(Verdicts.Project, Verdicts.Sha)!;
        Assert.Equal("pending", shown.Status);
        Assert.Equal("Waiting for 1 sign-off: someone senior who owns payments (Erin Senior, Sam Senior); not counted: @mid (not senior enough)", shown.Description);
    }

    [Fact]
    public async Task AfterTwo502sTheSameMessageIsSent()
    {
        using var sender = Sender();
        gitlab.FailNext(2, 502);
        var item = Item(Verdicts.On(OverallStatus.Satisfied, "signed off"), 0);

        var first = await sender.SendAsync(item, CancellationToken.None);
        var second = await sender.SendAsync(item with { Attempts = 2 }, CancellationToken.None);
        var third = await sender.SendAsync(item with { Attempts = 3 }, CancellationToken.None);

        Assert.StartsWith("502", Assert.IsType<SendResult.Retry>(first).Detail, StringComparison.Ordinal);
        Assert.IsType<SendResult.Retry>(second);
        Assert.IsType<SendResult.Sent>(third);
        Assert.Equal([502, 502, 201], gitlab.Calls.Select(c => c.Status));
        Assert.Equal("success", gitlab.Latest(Verdicts.Project, Verdicts.Sha)!.Status);
    }

    [Fact]
    public async Task A429IsRetriedAfterGitLabsRetryAfter()
    {
        using var sender = Sender();
        gitlab.FailNext(1, 429, TimeSpan.FromSeconds(37));

        var result = await sender.SendAsync(Item(Verdicts.On(OverallStatus.Satisfied, "signed off"), 0), CancellationToken.None);

        var retry = Assert.IsType<SendResult.Retry>(result);
        Assert.Equal(TimeSpan.FromSeconds(37), retry.After);
        Assert.Contains("rate limited", retry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A429WithOnlyGitLabsRateLimitResetIsRetriedWhenTheLimitResets()
    {
        var now = new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);
        using var sender = new GitLabOutboxSender(new GitLabOptions { Url = gitlab.Url, Token = FakeGitLab.Token }, new FixedTime(now));
        gitlab.FailNext(1, 429, headers: new Dictionary<string, string>
        {
            ["RateLimit-Remaining"] = "0",
            ["RateLimit-Reset"] = (now.ToUnixTimeSeconds() + 42).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var result = await sender.SendAsync(Item(Verdicts.On(OverallStatus.Satisfied, "signed off"), 0), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(42), Assert.IsType<SendResult.Retry>(result).After);
    }

    [Fact]
    public async Task AWrongTokenIsParkedWithGitLabsAnswerAndNoTokenSendsNothing()
    {
        using var wrong = Sender(token: "glpat-wrong");
        using var none = Sender(token: null);
        var item = Item(Verdicts.On(OverallStatus.Satisfied, "signed off"), 0);

        var refused = await wrong.SendAsync(item, CancellationToken.None);
        var unsent = await none.SendAsync(item, CancellationToken.None);

        Assert.Contains("401 Unauthorized", Assert.IsType<SendResult.Failed>(refused).Detail, StringComparison.Ordinal);
        Assert.Contains("COUNTERSIGN_GITLAB_TOKEN", Assert.IsType<SendResult.Failed>(unsent).Detail, StringComparison.Ordinal);
        Assert.Equal("glpat-wrong", Assert.Single(gitlab.Calls).Credential);
    }

    [Fact]
    public async Task AnUnreachableGitLabIsRetried()
    {
        var gone = await FakeGitLab.StartAsync();
        var url = gone.Url;
        await gone.DisposeAsync();
        using var sender = new GitLabOutboxSender(new GitLabOptions { Url = url, Token = FakeGitLab.Token }, TimeProvider.System);

        var result = await sender.SendAsync(Item(Verdicts.On(OverallStatus.Satisfied, "signed off"), 0), CancellationToken.None);

        Assert.Contains("unreachable", Assert.IsType<SendResult.Retry>(result).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExternalStatusCheckNamedCountersignIsLookedUpOnceAndAnswered()
    {
        gitlab.AddExternalStatusCheck(Verdicts.Project, 3, "compliance");
        gitlab.AddExternalStatusCheck(Verdicts.Project, 11, "countersign");
        using var sender = Sender();

        var pending = await sender.SendAsync(Item(Verdicts.On(OverallStatus.Pending, "needs a senior"), 1), CancellationToken.None);
        var satisfied = await sender.SendAsync(Item(Verdicts.On(OverallStatus.Satisfied, "signed off"), 1), CancellationToken.None);

        Assert.IsType<SendResult.Sent>(pending);
        Assert.IsType<SendResult.Sent>(satisfied);
        Assert.Equal(
            ["GET /api/v4/projects/4861503/external_status_checks", "POST /api/v4/projects/4861503/merge_requests/7/status_check_responses", "POST /api/v4/projects/4861503/merge_requests/7/status_check_responses"],
            gitlab.Calls.Select(c => $"{c.Method} {c.Path}"));
        var answer = gitlab.Calls[2].Body!.AsObject();
        Assert.Equal(["sha", "external_status_check_id", "status"], answer.Select(p => p.Key));
        Assert.Equal(Verdicts.Sha, answer["sha"]!.GetValue<string>());
        Assert.Equal(11, answer["external_status_check_id"]!.GetValue<long>());
        Assert.Equal("passed", answer["status"]!.GetValue<string>());
        Assert.Equal(["failed", "passed"], gitlab.StatusCheckResponses.Select(r => r["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AConfiguredExternalStatusCheckIdIsAnsweredWithoutALookUp()
    {
        gitlab.AddExternalStatusCheck(Verdicts.Project, 5, "merge gate");
        using var sender = Sender(checkId: 5);

        var result = await sender.SendAsync(Item(Verdicts.On(OverallStatus.Satisfied, "signed off"), 1), CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        var call = Assert.Single(gitlab.Calls);
        Assert.Equal(5, call.Body!["external_status_check_id"]!.GetValue<long>());
    }

    [Fact]
    public async Task WithoutExternalStatusChecksOnTheTierOnlyTheCommitStatusIsSet()
    {
        gitlab.HasExternalStatusChecks = false;
        using var sender = Sender();
        var messages = publisher.Messages(Verdicts.On(OverallStatus.Satisfied, "signed off"));

        var results = new List<SendResult>();
        foreach (var (message, i) in messages.Select((m, i) => (m, i)))
        {
            results.Add(await sender.SendAsync(new OutboxItem(i + 1, message.Target, message.Kind, message.Slot, message.Payload, 1), CancellationToken.None));
        }

        Assert.All(results, r => Assert.IsType<SendResult.Sent>(r));
        Assert.Contains("only the commit status", results[1].Detail, StringComparison.Ordinal);
        Assert.Equal([201, 403], gitlab.Calls.Select(c => c.Status));
        Assert.Equal("success", gitlab.Latest(Verdicts.Project, Verdicts.Sha)!.Status);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private GitLabOutboxSender Sender(string? token = FakeGitLab.Token, long? checkId = null) =>
        new(new GitLabOptions { Url = gitlab.Url, Token = token, ExternalStatusCheckId = checkId }, TimeProvider.System);

    private Task<SendResult> Send(GitLabOutboxSender sender, OverallStatus status, string? notCounted = null) =>
        sender.SendAsync(
            Item(Verdicts.On(status, "", reviews: notCounted is null ? [] : [new ReviewNote(notCounted, notCounted, ReviewVerdict.Approved, Verdicts.Sha, false, "not senior enough")]), 0),
            CancellationToken.None);

    /// <summary>The publisher's message number <paramref name="index"/>, as the outbox hands it over: through its stored JSON text.</summary>
    private OutboxItem Item(Countersign.Server.Forges.VerdictPublication publication, int index)
    {
        var message = publisher.Messages(publication)[index];
        var stored = JsonNode.Parse(message.Payload.ToJsonString())!.AsObject();
        return new OutboxItem(++ids, message.Target, message.Kind, message.Slot, stored, 1);
    }
}
