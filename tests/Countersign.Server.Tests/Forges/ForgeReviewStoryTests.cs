using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Forges;
using Countersign.Server.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// The story on a forge, worked by the processor from events: a junior's AI-assisted pull request waits for a
/// senior owner; a mid-level approval does not count and the review note says why; a senior owner's approval passes it;
/// new content dismisses that approval; a pure rebase keeps the next one. Reviewers are matched by login, never by name,
/// bots and authors never count, a review delivered twice is one sign-off.
/// </summary>
public sealed class ForgeReviewStoryTests
{
    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_junior_ai_change_waits_for_a_senior_owner_whose_forge_approval_passes_it_until_new_content_and_survives_a_pure_rebase(Store store)
    {
        await using var story = await ForgeStory.StartAsync(store);
        var head = story.PullHead(12, PolicyShop.Feature);

        // Opened by the junior: built from the mirror (the repository registered from the event's installation), pending.
        var opened = await story.OpenAsync(story.Request(12, head));
        Assert.IsType<DeliveryOutcome.Done>(opened);
        var change = await story.ChangeAsync("pull/12");
        var registered = (await story.Server.App.Services.GetRequiredService<RepositoryService>().FindAsync(ForgeStory.Name, CancellationToken.None)).OrThrow();
        Assert.Equal($"file://{story.Shop.Path}", registered.Url);
        Assert.Null(registered.Credential);
        Assert.Equal("pending", change.Status);
        var first = story.Published.Last;
        Assert.Equal(12, first.Number);
        Assert.Equal(head, first.HeadSha);
        Assert.Equal("pending", first.Detail.View.Status);
        Assert.Contains("erin-s", first.SuggestedReviewers);
        Assert.DoesNotContain("dana-j", first.SuggestedReviewers);
        Assert.Equal(new Uri($"https://countersign.acme.test/ui/changes/{change.Id}"), first.ChangeUrl);

        // A mid-level engineer approves: not a sign-off; the note says why in one sentence.
        Assert.IsType<DeliveryOutcome.Done>(await story.ReviewAsync(12, "bob-m", ReviewVerdict.Approved, head, 501));
        Assert.Equal("pending", (await story.ChangeAsync("pull/12")).Status);
        var bob = Assert.Single(story.Published.Last.Reviews);
        Assert.Equal("bob", bob.PersonId);
        Assert.False(bob.Counts);
        Assert.Contains("Bob Mid's approval does not count", bob.Why);
        Assert.Empty((await story.ChangeAsync("pull/12")).SignOffs);

        // A senior owner approves: a sign-off bound to the reviewed revision; passed.
        Assert.IsType<DeliveryOutcome.Done>(await story.ReviewAsync(12, "erin-s", ReviewVerdict.Approved, head, 502));
        change = await story.ChangeAsync("pull/12");
        Assert.Equal("satisfied", change.Status);
        var signOff = Assert.Single(change.SignOffs);
        Assert.Equal("erin", signOff.PersonId);
        Assert.Equal(change.PatchId, signOff.PatchId);
        var erin = story.Published.Last.Reviews.Single(r => r.Login == "erin-s");
        Assert.True(erin.Counts);
        Assert.Empty(story.Published.Last.SuggestedReviewers);

        // The same review delivered again: one sign-off, nothing new published.
        var publishedBefore = story.Published.Publications.Count;
        Assert.IsType<DeliveryOutcome.Done>(await story.ReviewAsync(12, "erin-s", ReviewVerdict.Approved, head, 502));
        Assert.Single((await story.ChangeAsync("pull/12")).SignOffs);
        Assert.Equal(publishedBefore, story.Published.Publications.Count);

        // New content: pending again, the approval dismissed for it.
        story.Shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        story.Shop.Repo.Commit("payments: partial refunds", new Dictionary<string, string> { ["services/payments/partial.go"] = "package payments\n\nfunc Partial() {}\n" }, author: PolicyShop.Dana);
        story.Shop.Repo.Git("checkout -q main");
        var second = story.PullHead(12, PolicyShop.Feature);
        Assert.IsType<DeliveryOutcome.Done>(await story.OpenAsync(story.Request(12, second), "synchronize"));
        Assert.Equal("pending", (await story.ChangeAsync("pull/12")).Status);
        var stale = story.Published.Last.Reviews.Single(r => r.Login == "erin-s");
        Assert.False(stale.Counts);
        Assert.StartsWith("dismissed: new content since then", stale.Why);
        Assert.Equal(second, story.Published.Last.HeadSha);

        // Erin approves the new content; then main moves on and the branch is rebased without new content: still passed.
        Assert.IsType<DeliveryOutcome.Done>(await story.ReviewAsync(12, "erin-s", ReviewVerdict.Approved, second, 503));
        Assert.Equal("satisfied", (await story.ChangeAsync("pull/12")).Status);
        story.Shop.Repo.Commit("docs: index", new Dictionary<string, string> { ["docs/index.md"] = "# Docs\n\nMore.\n" }, author: PolicyShop.Pat);
        story.Shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        story.Shop.Repo.Git("rebase -q main");
        story.Shop.Repo.Git("checkout -q main");
        var rebased = story.PullHead(12, PolicyShop.Feature);
        Assert.NotEqual(second, rebased);
        Assert.IsType<DeliveryOutcome.Done>(await story.OpenAsync(story.Request(12, rebased), "synchronize"));
        change = await story.ChangeAsync("pull/12");
        Assert.Equal("satisfied", change.Status);
        Assert.Equal(rebased, change.HeadSha);
        Assert.Equal(rebased, story.Published.Last.HeadSha);
        Assert.True(story.Published.Last.Reviews.Single(r => r.Login == "erin-s" && r.CommitSha == second).Counts);
    }

    [Fact]
    public async Task Reviewers_are_matched_by_login_never_by_name_and_bots_and_the_author_never_count()
    {
        await using var story = await ForgeStory.StartAsync();
        var head = story.PullHead(7, PolicyShop.Feature);
        Assert.IsType<DeliveryOutcome.Done>(await story.OpenAsync(story.Request(7, head)));

        // Erin's name and her person id are not her GitHub login.
        await story.ReviewAsync(7, "Erin Senior", ReviewVerdict.Approved, head, 601);
        await story.ReviewAsync(7, "erin", ReviewVerdict.Approved, head, 602);
        // A bot, whether the forge says so or the directory lists it.
        await story.ReviewAsync(7, "review-helper[bot]", ReviewVerdict.Approved, head, 603, bot: true);
        await story.ReviewAsync(7, "dependabot[bot]", ReviewVerdict.Approved, head, 604);
        // The author herself.
        await story.ReviewAsync(7, "dana-j", ReviewVerdict.Approved, head, 605);

        var change = await story.ChangeAsync("pull/7");
        Assert.Equal("pending", change.Status);
        Assert.Empty(change.SignOffs);
        var notes = story.Published.Last.Reviews;
        Assert.Equal(5, notes.Count);
        Assert.All(notes, n => Assert.False(n.Counts));
        Assert.Contains("not a person of the directory", notes.Single(n => n.Login == "Erin Senior").Why);
        Assert.Null(notes.Single(n => n.Login == "erin").PersonId);
        Assert.Contains("never by name", notes.Single(n => n.Login == "erin").Why);
        Assert.Contains("bot", notes.Single(n => n.Login == "review-helper[bot]").Why);
        Assert.Contains("bot", notes.Single(n => n.Login == "dependabot[bot]").Why);
        var author = notes.Single(n => n.Login == "dana-j");
        Assert.Equal("dana", author.PersonId);
        Assert.Contains("author", author.Why);
    }

    [Fact]
    public async Task A_request_for_changes_rejects_and_its_dismissal_withdraws_it()
    {
        await using var story = await ForgeStory.StartAsync();
        var head = story.PullHead(8, PolicyShop.Feature);
        await story.OpenAsync(story.Request(8, head));

        Assert.IsType<DeliveryOutcome.Done>(await story.ReviewAsync(8, "erin-s", ReviewVerdict.ChangesRequested, head, 701, body: "please split this"));
        Assert.Equal("rejected", (await story.ChangeAsync("pull/8")).Status);
        Assert.True(story.Published.Last.Reviews.Single().Counts);

        Assert.IsType<DeliveryOutcome.Done>(await story.ReviewAsync(8, "erin-s", ReviewVerdict.Withdrawn, head, 701, body: "resolved offline"));
        var change = await story.ChangeAsync("pull/8");
        Assert.Equal("pending", change.Status);
        var withdrawn = Assert.Single(change.SignOffs);
        Assert.NotNull(withdrawn.DismissedAt);
        Assert.StartsWith("withdrawn on GitHub: resolved offline", withdrawn.DismissedReason);
        var note = Assert.Single(story.Published.Last.Reviews);
        Assert.Equal(ReviewVerdict.Withdrawn, note.Verdict);
        Assert.False(note.Counts);

        // An approval dismissed on GitHub stops counting too, and a redelivered dismissal changes nothing.
        await story.ReviewAsync(8, "erin-s", ReviewVerdict.Approved, head, 702);
        Assert.Equal("satisfied", (await story.ChangeAsync("pull/8")).Status);
        await story.ReviewAsync(8, "erin-s", ReviewVerdict.Withdrawn, head, 702);
        await story.ReviewAsync(8, "erin-s", ReviewVerdict.Withdrawn, head, 702);
        Assert.Equal("pending", (await story.ChangeAsync("pull/8")).Status);
    }
}
