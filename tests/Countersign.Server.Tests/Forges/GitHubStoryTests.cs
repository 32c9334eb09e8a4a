using System.Net;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Server.Tests.Webhooks;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// The story end to end on GitHub: signed real payloads into the webhook endpoint, the queue, the processor
/// building the change from a mirror fetched with an installation token, the verdict published through the durable
/// outbox, and the check run GitHub would show — read back from the fake GitHub.
/// </summary>
public sealed class GitHubStoryTests
{
    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task AJuniorsAiPullRequestWaitsForASeniorOwnerOnGitHubUntilOneApprovesAndKeepsItAcrossAPureRebase(Store store)
    {
        await using var story = await GitHubStory.StartAsync(store, github: o => o with { ReviewRequests = "1", Comment = true });
        var head = story.PullHead(12, PolicyShop.Feature);

        // A junior opens a pull request whose commit carries an AI tool's trailer: action required, naming two seniors.
        Assert.Equal(HttpStatusCode.Accepted, (await story.PullRequestAsync("opened", 12, head)).StatusCode);
        var opened = await story.CheckRunAsync(head, _ => true, "a check run on the opened pull request's head");
        Assert.Equal("countersign", (string?)opened["name"]);
        Assert.Equal("completed", (string?)opened["status"]);
        Assert.Equal("action_required", (string?)opened["conclusion"]);
        Assert.Matches($"^{GitHubStory.PublicUrl}/ui/changes/[0-9]+$", (string?)opened["details_url"]);
        Assert.Equal("Waiting for 1 sign-off: someone senior or above who owns payments (catalog) or services/payments/ (CODEOWNERS) (Erin Senior, Ravi Senior)", Title(opened));
        Assert.Contains("- ⏳ **ai\\-below\\-senior**: needs 1 more approval from someone senior or above who owns payments", Summary(opened), StringComparison.Ordinal);
        Assert.Contains("  - can give it: Erin Senior (@erin-s, senior), Ravi Senior (@ravi-s, senior)\n", Summary(opened), StringComparison.Ordinal);
        Assert.Contains("**Provenance:** AI\\-assisted", Summary(opened), StringComparison.Ordinal);
        var mirrored = story.Fake.Calls.Where(c => c.Path.StartsWith("/acme/shop.git/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(mirrored);
        Assert.All(mirrored, c => Assert.StartsWith("Basic ", c.Headers["Authorization"], StringComparison.Ordinal));

        // A mid-level engineer approves on GitHub: still action required, and the summary says why it does not count.
        await story.ApproveAsync(12, head, "bob-m", 6001, 501, head);
        var mid = await story.CheckRunAsync(head, r => Summary(r).Contains("`@bob-m` approved", StringComparison.Ordinal), "Bob's approval noted on the check run");
        Assert.Equal("action_required", (string?)mid["conclusion"]);
        Assert.Contains($"- `@bob-m` approved `{head[..10]}` — does not count: Bob Mid's approval does not count: ai\\-below\\-senior: Bob Mid is mid, the rule needs senior or above\n",
            Summary(mid), StringComparison.Ordinal);

        // A senior owner approves: success, signed off by her.
        await story.ApproveAsync(12, head, "erin-s", 6002, 502, head);
        var signed = await story.CheckRunAsync(head, r => (string?)r["conclusion"] == "success", "success after the senior owner's approval");
        Assert.Equal("Signed off by Erin Senior", Title(signed));
        Assert.Contains("- `@erin-s` approved", Summary(signed), StringComparison.Ordinal);
        Assert.Contains($"- `@erin-s` approved `{head[..10]}` — counts\n", Summary(signed), StringComparison.Ordinal);
        Assert.Single(story.Fake.CheckRuns, r => (string?)r["head_sha"] == head);

        // A push with new content: action required on the new head, her approval dismissed for it.
        story.Shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        story.Shop.Repo.Commit("payments: partial refunds\n\nCo-authored-by: Claude <noreply@anthropic.com>",
            new Dictionary<string, string> { ["services/payments/partial.go"] = "package payments\n\nfunc Partial() {}\n" }, author: PolicyShop.Dana);
        story.Shop.Repo.Git("checkout -q main");
        var second = story.PullHead(12, PolicyShop.Feature);
        await story.PullRequestAsync("synchronize", 12, second, before: head);
        var pushed = await story.CheckRunAsync(second, _ => true, "a check run on the new head");
        Assert.Equal("action_required", (string?)pushed["conclusion"]);
        Assert.Contains("  - dismissed: Erin Senior's approval — new content since then", Summary(pushed), StringComparison.Ordinal);
        Assert.Contains($"- `@erin-s` approved `{head[..10]}` — does not count: dismissed: new content since then", Summary(pushed), StringComparison.Ordinal);

        // She approves the new content; main moves on and the branch is rebased with no new content: still success.
        await story.ApproveAsync(12, second, "erin-s", 6002, 503, second);
        await story.CheckRunAsync(second, r => (string?)r["conclusion"] == "success", "success on the new head after her second approval");
        story.Shop.Repo.Commit("docs: index", new Dictionary<string, string> { ["docs/index.md"] = "# Docs\n\nMore.\n" }, author: PolicyShop.Pat);
        story.Shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        story.Shop.Repo.Git("rebase -q main");
        story.Shop.Repo.Git("checkout -q main");
        var rebased = story.PullHead(12, PolicyShop.Feature);
        Assert.NotEqual(second, rebased);
        await story.PullRequestAsync("synchronize", 12, rebased, before: second);
        var kept = await story.CheckRunAsync(rebased, _ => true, "a check run on the rebased head");
        Assert.Equal("success", (string?)kept["conclusion"]);
        Assert.Equal("Signed off by Erin Senior", Title(kept));

        // One senior was asked for a review, once; one comment, edited in place, says the latest verdict.
        Assert.Equal(["erin-s"], story.Fake.RequestedReviewers(GitHubStory.Name, 12));
        var comment = await Eventually.WaitAsync(() => Task.FromResult(story.Fake.CommentsOn(GitHubStory.Name, 12)),
            c => c.Count == 1 && ((string?)c[0]["body"])!.Contains("Signed off by Erin Senior", StringComparison.Ordinal),
            "one comment with the latest verdict");
        Assert.StartsWith("<!-- countersign -->\n### ✅ Signed off by Erin Senior", (string?)comment[0]["body"], StringComparison.Ordinal);
        Assert.Single(story.Fake.Calls, c => c.Method == "POST" && c.Path == "/repos/acme/shop/issues/12/comments");

        // Every call to GitHub carried an installation token and GitHub's headers.
        Assert.All(story.Fake.Calls.Where(c => c.Path.StartsWith("/repos/", StringComparison.Ordinal)), c =>
        {
            Assert.Matches("^Bearer ghs_", c.Headers["Authorization"]);
            Assert.Equal("2022-11-28", c.Headers["X-GitHub-Api-Version"]);
        });
    }

    private static string Title(JsonObject run) => (string?)run["output"]?["title"] ?? "";

    private static string Summary(JsonObject run) => (string?)run["output"]?["summary"] ?? "";
}
