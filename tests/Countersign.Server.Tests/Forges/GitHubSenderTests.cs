using System.Text.Json.Nodes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Server.Forges;
using Countersign.Server.Forges.GitHub;
using Countersign.Server.Tests.Infrastructure;
using static Countersign.Server.Tests.Forges.VerdictSamples;

namespace Countersign.Server.Tests.Forges;

public sealed class GitHubSenderTests
{
    private static readonly VerdictPublication Pending = Publication(Result(OverallStatus.Pending, [SeniorRule(RuleStatus.Pending)]));

    private static readonly VerdictPublication Signed = Publication(Result(OverallStatus.Satisfied,
        [SeniorRule(RuleStatus.Approved, counted: [new(Approval("ana"), "Ana Senior", null)])]));

    [Fact]
    public async Task ACheckRunIsCreatedOnTheHeadWithTheVerdictTitleSummaryAndDashboardLink()
    {
        await using var app = await GitHubApp.StartAsync();

        var result = await SendAsync(app, Pending, GitHubPublisher.CheckRunKind);

        Assert.IsType<SendResult.Sent>(result);
        var call = Assert.Single(app.Fake.Calls, c => c.Path == "/repos/acme/shop/check-runs");
        Assert.Equal("POST", call.Method);
        Assert.Equal("application/vnd.github+json", call.Headers["Accept"]);
        Assert.Equal("2022-11-28", call.Headers["X-GitHub-Api-Version"]);
        Assert.StartsWith("Countersign/", call.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Matches("^Bearer ghs_[0-9a-f]+$", call.Headers["Authorization"]);
        var body = call.Body!.AsObject();
        Assert.Equal("countersign", (string?)body["name"]);
        Assert.Equal(Head, (string?)body["head_sha"]);
        Assert.Equal("completed", (string?)body["status"]);
        Assert.Equal("action_required", (string?)body["conclusion"]);
        Assert.Equal("https://countersign.example.com/ui/changes/42", (string?)body["details_url"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)body["completed_at"]);
        Assert.Equal("Waiting for 1 sign-off: someone senior who owns payments (Ana Senior, Ben Boss)", (string?)body["output"]!["title"]);
        Assert.Equal(VerdictMarkdown.Summary(Pending, ForgeKind.GitHub), (string?)body["output"]!["summary"]);
        Assert.Equal(["name", "head_sha", "status", "conclusion", "completed_at", "output", "details_url"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task ALaterVerdictOnTheSameHeadUpdatesTheCheckRunInPlace()
    {
        await using var app = await GitHubApp.StartAsync();

        await SendAsync(app, Pending, GitHubPublisher.CheckRunKind);
        var result = await SendAsync(app, Signed, GitHubPublisher.CheckRunKind);

        Assert.IsType<SendResult.Sent>(result);
        var run = Assert.Single(app.Fake.CheckRuns);
        Assert.Equal("success", (string?)run["conclusion"]);
        Assert.Equal("Signed off by Ana Senior", (string?)run["output"]!["title"]);
        var update = app.Fake.Calls.Last(c => c.Path.StartsWith("/repos/acme/shop/check-runs", StringComparison.Ordinal));
        Assert.Equal(("PATCH", $"/repos/acme/shop/check-runs/{run["id"]}"), (update.Method, update.Path));
        Assert.Null(update.Body!["head_sha"]);
    }

    [Fact]
    public async Task ACheckRunDeletedOnGitHubIsCreatedAgain()
    {
        await using var app = await GitHubApp.StartAsync();
        await SendAsync(app, Pending, GitHubPublisher.CheckRunKind);
        app.Fake.FailNext("PATCH /repos/acme/shop/check-runs/", 1, FakeGitHub.Failure.NotFound);

        var result = await SendAsync(app, Signed, GitHubPublisher.CheckRunKind);

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal(2, app.Fake.CheckRuns.Count);
        Assert.Equal("success", (string?)app.Fake.CheckRuns[^1]["conclusion"]);
    }

    [Fact]
    public async Task TwoBadGatewaysAreRetriedAndTheThirdAttemptIsSent()
    {
        await using var app = await GitHubApp.StartAsync();
        app.Fake.FailNext("POST /repos/acme/shop/check-runs", 2, FakeGitHub.Failure.BadGateway);

        var first = await SendAsync(app, Pending, GitHubPublisher.CheckRunKind, attempts: 1);
        var second = await SendAsync(app, Pending, GitHubPublisher.CheckRunKind, attempts: 2);
        var third = await SendAsync(app, Pending, GitHubPublisher.CheckRunKind, attempts: 3);

        Assert.Contains("502", Assert.IsType<SendResult.Retry>(first).Detail, StringComparison.Ordinal);
        Assert.Null(((SendResult.Retry)first).After);
        Assert.IsType<SendResult.Retry>(second);
        Assert.IsType<SendResult.Sent>(third);
        Assert.Single(app.Fake.CheckRuns);
        Assert.Equal(3, app.Fake.Calls.Count(c => c.Path == "/repos/acme/shop/check-runs"));
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterGitHubsRetryAfter()
    {
        await using var app = await GitHubApp.StartAsync();
        app.Fake.FailNext("POST /repos/acme/shop/check-runs", 1, FakeGitHub.Failure.TooManyRequests(7));

        var result = await SendAsync(app, Pending, GitHubPublisher.CheckRunKind);

        var retry = Assert.IsType<SendResult.Retry>(result);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.After);
        Assert.Contains("rate limited", retry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondaryRateLimitsAndAnExhaustedBudgetAreRetriedAfterTheirWaitNotParked()
    {
        await using var app = await GitHubApp.StartAsync();
        app.Fake.FailNext("POST /repos/acme/shop/check-runs", 1, FakeGitHub.Failure.SecondaryRateLimit(60));
        app.Fake.FailNext("POST /repos/acme/shop/check-runs", 1, FakeGitHub.Failure.RateLimitExhausted(app.Clock.GetUtcNow().AddSeconds(120)));

        var secondary = await SendAsync(app, Pending, GitHubPublisher.CheckRunKind);
        var exhausted = await SendAsync(app, Pending, GitHubPublisher.CheckRunKind);

        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<SendResult.Retry>(secondary).After);
        Assert.Equal(TimeSpan.FromSeconds(120), Assert.IsType<SendResult.Retry>(exhausted).After);
    }

    [Fact]
    public async Task AnotherClientErrorIsFailedWithGitHubsMessage()
    {
        await using var app = await GitHubApp.StartAsync();
        var broken = Pending with { HeadSha = "" };
        var message = app.Publisher.Messages(broken).Single(m => m.Kind == GitHubPublisher.CheckRunKind);
        message.Payload.Remove("head_sha");

        var result = await app.Sender.SendAsync(new OutboxItem(1, ForgeKind.GitHub, message.Kind, message.Slot, message.Payload, 1), CancellationToken.None);

        var failed = Assert.IsType<SendResult.Failed>(result);
        Assert.Contains("422", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("head_sha are required", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewsAreRequestedFromTheFirstSuggestedSeniorsUpToNInAll()
    {
        await using var app = await GitHubApp.StartAsync(o => o with { ReviewRequests = "2" });
        var publication = Pending with { SuggestedReviewers = ["ana", "ben", "cy"] };
        app.Fake.AddReview("acme/shop", 7, "ben", "COMMENTED", Head);

        var first = await SendAsync(app, publication, GitHubPublisher.ReviewRequestKind);
        var again = await SendAsync(app, publication, GitHubPublisher.ReviewRequestKind);

        Assert.IsType<SendResult.Sent>(first);
        var post = Assert.Single(app.Fake.Calls, c => c.Method == "POST" && c.Path == "/repos/acme/shop/pulls/7/requested_reviewers");
        Assert.Equal("""{"reviewers":["ana"]}""", post.Body!.ToJsonString());
        Assert.Equal(["ana"], app.Fake.RequestedReviewers("acme/shop", 7));
        Assert.Contains("already asked or reviewed", Assert.IsType<SendResult.Sent>(again).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewerGitHubRefusesIsAFailureNotARetry()
    {
        await using var app = await GitHubApp.StartAsync(o => o with { ReviewRequests = "1" });
        app.Fake.NonCollaborators.Add("ana");

        var result = await SendAsync(app, Pending, GitHubPublisher.ReviewRequestKind);

        Assert.Contains("not a collaborator", Assert.IsType<SendResult.Failed>(result).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoReviewIsRequestedWhenNoneAreConfiguredOrTheChangeIsNotWaiting()
    {
        await using var off = await GitHubApp.StartAsync();
        await using var on = await GitHubApp.StartAsync(o => o with { ReviewRequests = "1" });

        Assert.DoesNotContain(off.Publisher.Messages(Pending), m => m.Kind == GitHubPublisher.ReviewRequestKind);
        Assert.DoesNotContain(on.Publisher.Messages(Signed), m => m.Kind == GitHubPublisher.ReviewRequestKind);
        Assert.Contains(on.Publisher.Messages(Pending), m => m.Kind == GitHubPublisher.ReviewRequestKind);
    }

    [Fact]
    public async Task ThreeVerdictsLeaveOneCommentEditedInPlaceAndNobodyElsesCommentIsTouched()
    {
        await using var app = await GitHubApp.StartAsync(o => o with { Comment = true });
        app.Fake.AddComment("acme/shop", 7, "mallory", "User", VerdictMarkdown.CommentMarker + "\nfake verdict: approved");
        var rejected = Publication(Result(OverallStatus.Rejected, [SeniorRule(RuleStatus.Disapproved, rejections: [new(Rejection("ben"), "Ben Boss", null)])]));

        foreach (var publication in new[] { Pending, Signed, rejected })
        {
            Assert.IsType<SendResult.Sent>(await SendAsync(app, publication, GitHubPublisher.CommentKind));
        }

        var comments = app.Fake.CommentsOn("acme/shop", 7);
        Assert.Equal(2, comments.Count);
        Assert.Equal(VerdictMarkdown.CommentMarker + "\nfake verdict: approved", (string?)comments[0]["body"]);
        var ours = comments[1];
        Assert.Equal("countersign[bot]", (string?)ours["user"]!["login"]);
        Assert.StartsWith(VerdictMarkdown.CommentMarker + "\n### ❌ Rejected by Ben Boss", (string?)ours["body"], StringComparison.Ordinal);
        Assert.Equal(1, app.Fake.Calls.Count(c => c.Method == "POST" && c.Path == "/repos/acme/shop/issues/7/comments"));
        Assert.Equal(2, app.Fake.Calls.Count(c => c.Method == "PATCH" && c.Path == $"/repos/acme/shop/issues/comments/{ours["id"]}"));
    }

    [Fact]
    public async Task AfterARestartTheCommentIsFoundByItsMarkerAndEdited()
    {
        await using var app = await GitHubApp.StartAsync(o => o with { Comment = true });
        await SendAsync(app, Pending, GitHubPublisher.CommentKind);
        var restarted = new GitHubSender(app.Api, app.Clock);

        var message = app.Publisher.Messages(Signed).Single(m => m.Kind == GitHubPublisher.CommentKind);
        var result = await restarted.SendAsync(new OutboxItem(2, ForgeKind.GitHub, message.Kind, message.Slot, message.Payload, 1), CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        var comment = Assert.Single(app.Fake.CommentsOn("acme/shop", 7));
        Assert.Contains("Signed off by Ana Senior", (string?)comment["body"], StringComparison.Ordinal);
    }

    [Fact]
    public void APublicationGivesOneMessagePerKindWithSlotsANewerVerdictReplaces()
    {
        var publisher = new GitHubPublisher(new GitHubOptions { AppId = "1", ReviewRequests = "2", Comment = true });

        var messages = publisher.Messages(Pending);
        var later = publisher.Messages(Signed);

        Assert.Equal(["check-run:acme/shop:" + Head, "review-request:acme/shop#7", "comment:acme/shop#7"], messages.Select(m => m.Slot));
        Assert.All(messages, m => Assert.Equal(ForgeKind.GitHub, m.Target));
        Assert.All(messages, m => Assert.Equal(12345, (long?)m.Payload["installation"]));
        Assert.Equal(messages[0].Slot, later[0].Slot);
        Assert.Empty(publisher.Messages(Pending with { Repository = Pending.Repository with { Installation = null } }));
    }

    private static async Task<SendResult> SendAsync(GitHubApp app, VerdictPublication publication, string kind, int attempts = 1)
    {
        var message = app.Publisher.Messages(publication).Single(m => m.Kind == kind);
        // The outbox stores the payload as JSON text and reads it back: so does this.
        var payload = JsonNode.Parse(message.Payload.ToJsonString())!.AsObject();
        return await app.Sender.SendAsync(new OutboxItem(1, ForgeKind.GitHub, message.Kind, message.Slot, payload, attempts), CancellationToken.None);
    }
}
