using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Forges;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// What happens around requests: a push to the default branch that changes the policy re-evaluates every open request
/// (one that changes nothing trusted does not), a merge queue's group is evaluated on its own head with the sign-offs
/// given for its content, a re-requested check republishes, a closed request publishes nothing more, an installation
/// registers its repositories, and a repository nobody registered or installed is ignored.
/// </summary>
public sealed class ForgeRepositoryEventTests
{
    private const string StricterPolicy = """
        version: 1
        protected_branches: [main]
        rules:
          - name: ai-below-senior
            description: An AI-assisted change by someone below senior needs two senior sign-offs.
            if:
              all:
                - provenance: {status: [ai]}
                - author: {level: {below: senior}}
            requires:
              count: 2
              from: {level: {at_least: senior}}
        """;

    [Fact]
    public async Task A_default_branch_push_that_changes_the_policy_re_evaluates_open_requests_and_another_push_does_not()
    {
        await using var story = await ForgeStory.StartAsync();
        var head = story.PullHead(3, PolicyShop.Feature);
        await story.OpenAsync(story.Request(3, head));
        await story.ReviewAsync(3, "erin-s", ReviewVerdict.Approved, head, 801);
        Assert.Equal("satisfied", (await story.ChangeAsync("pull/3")).Status);

        // A docs-only push to main: nothing trusted changed, nothing re-evaluated.
        var before = story.Shop.Repo.Git("rev-parse main").Trim();
        var docs = story.Shop.Repo.Commit("docs", new Dictionary<string, string> { ["docs/more.md"] = "more\n" }, author: PolicyShop.Pat);
        var published = story.Published.Publications.Count;
        var ignored = await story.Processor.HandleAsync(new ForgeEvent.Pushed(ForgeKind.GitHub, story.Repository, "main", before, docs, true, [PolicyFile]), CancellationToken.None);
        Assert.IsType<DeliveryOutcome.Ignored>(ignored);
        Assert.Equal(published, story.Published.Publications.Count);

        // A push to another branch is left to the request events, whatever its payload lists.
        var other = await story.Processor.HandleAsync(new ForgeEvent.Pushed(ForgeKind.GitHub, story.Repository, "feature/x", before, docs, false, [PolicyFile]), CancellationToken.None);
        Assert.IsType<DeliveryOutcome.Ignored>(other);

        // The policy now wants two seniors (the payload's list of paths is not believed: the mirror's diff decides).
        var stricter = story.Shop.Repo.Commit("policy: two seniors", new Dictionary<string, string> { [PolicyFile] = StricterPolicy }, author: PolicyShop.Pat);
        var pushed = await story.Processor.HandleAsync(new ForgeEvent.Pushed(ForgeKind.GitHub, story.Repository, "main", docs, stricter, true, []), CancellationToken.None);
        Assert.IsType<DeliveryOutcome.Done>(pushed);
        Assert.Contains(PolicyFile, pushed.Detail);
        Assert.Equal("pending", (await story.ChangeAsync("pull/3")).Status);
        Assert.Equal("pending", story.Published.Last.Detail.View.Status);
        Assert.Equal(3, story.Published.Last.Number);
    }

    [Fact]
    public async Task A_merge_group_is_evaluated_on_its_head_with_the_sign_offs_given_for_its_content_and_a_rerequest_republishes()
    {
        await using var story = await ForgeStory.StartAsync();
        var head = story.PullHead(5, PolicyShop.Feature);
        await story.OpenAsync(story.Request(5, head));
        await story.ReviewAsync(5, "erin-s", ReviewVerdict.Approved, head, 901);

        // The queue's branch: the request's commits on main's tip (a group of one request: the same content).
        story.Shop.Repo.Commit("docs: queue", new Dictionary<string, string> { ["docs/queue.md"] = "queued\n" }, author: PolicyShop.Pat);
        var baseSha = story.Shop.Repo.Git("rev-parse main").Trim();
        const string queueBranch = "gh-readonly-queue/main/pr-5-0123456789abcdef0123456789abcdef01234567";
        story.Shop.Repo.Git($"checkout -q -b {queueBranch} {PolicyShop.Feature}");
        story.Shop.Repo.Git("rebase -q main");
        var groupHead = story.Shop.Repo.Git("rev-parse HEAD").Trim();
        story.Shop.Repo.Git("checkout -q main");

        var outcome = await story.Processor.HandleAsync(
            new ForgeEvent.MergeGroup(ForgeKind.GitHub, story.Repository, groupHead, $"refs/heads/{queueBranch}", baseSha, "refs/heads/main", "checks_requested"), CancellationToken.None);
        Assert.IsType<DeliveryOutcome.Done>(outcome);
        var group = await story.ChangeAsync($"merge_group/{queueBranch}");
        Assert.Equal("satisfied", group.Status);
        Assert.Equal(groupHead, group.HeadSha);
        var published = story.Published.Last;
        Assert.Null(published.Number);
        Assert.Equal(groupHead, published.HeadSha);

        // Re-requested on the group's head: published again, although nothing changed.
        var count = story.Published.Publications.Count;
        Assert.IsType<DeliveryOutcome.Done>(await story.Processor.HandleAsync(new ForgeEvent.Rerequested(ForgeKind.GitHub, story.Repository, groupHead), CancellationToken.None));
        Assert.Equal(count + 1, story.Published.Publications.Count);

        // Re-requested on the request's head: its own verdict.
        Assert.IsType<DeliveryOutcome.Done>(await story.Processor.HandleAsync(new ForgeEvent.Rerequested(ForgeKind.GitHub, story.Repository, head), CancellationToken.None));
        Assert.Equal(5, story.Published.Last.Number);
        Assert.IsType<DeliveryOutcome.Ignored>(await story.Processor.HandleAsync(new ForgeEvent.Rerequested(ForgeKind.GitHub, story.Repository, new string('a', 40)), CancellationToken.None));
    }

    [Fact]
    public async Task A_closed_request_publishes_nothing_more_and_an_unknown_repository_without_an_installation_is_ignored()
    {
        await using var story = await ForgeStory.StartAsync();
        var head = story.PullHead(9, PolicyShop.Feature);
        await story.OpenAsync(story.Request(9, head));
        Assert.IsType<DeliveryOutcome.Done>(await story.Processor.HandleAsync(new ForgeEvent.RequestClosed(ForgeKind.GitHub, story.Repository, 9, Merged: true), CancellationToken.None));
        Assert.IsType<DeliveryOutcome.Ignored>(await story.Processor.HandleAsync(new ForgeEvent.RequestClosed(ForgeKind.GitHub, story.Repository, 9, Merged: true), CancellationToken.None));

        // A merged request is not open any more: a policy push does not touch it.
        var before = story.Shop.Repo.Git("rev-parse main").Trim();
        var after = story.Shop.Repo.Commit("policy", new Dictionary<string, string> { [PolicyFile] = StricterPolicy }, author: PolicyShop.Pat);
        var count = story.Published.Publications.Count;
        var pushed = await story.Processor.HandleAsync(new ForgeEvent.Pushed(ForgeKind.GitHub, story.Repository, "main", before, after, true, []), CancellationToken.None);
        Assert.Contains("0 open request(s)", pushed.Detail);
        Assert.Equal(count, story.Published.Publications.Count);

        var stranger = new ForgeRepository("someone/else", $"file://{story.Shop.Path}", 99, null, "main");
        var ignored = await story.Processor.HandleAsync(new ForgeEvent.RequestChanged(ForgeKind.GitHub, stranger, story.Request(1, head), "opened"), CancellationToken.None);
        Assert.IsType<DeliveryOutcome.Ignored>(ignored);
        Assert.False((await story.Server.App.Services.GetRequiredService<RepositoryService>().FindAsync("someone/else", CancellationToken.None)).Succeeded(out _, out _));
    }

    [Fact]
    public async Task An_installation_registers_and_mirrors_its_repositories_and_records_the_removed()
    {
        await using var story = await ForgeStory.StartAsync();
        var added = new ForgeRepository("acme/ledger", $"file://{story.Shop.Path}", 11, 77, null);
        var removed = new ForgeRepository("acme/old", "https://github.com/acme/old.git", 12, 77, null);
        var outcome = await story.Processor.HandleAsync(
            new ForgeEvent.Installed(ForgeKind.GitHub, new ForgeRepository("acme", "https://github.com", 0, 77, null), [added], [removed], "added"), CancellationToken.None);
        Assert.IsType<DeliveryOutcome.Done>(outcome);
        var view = (await story.Server.App.Services.GetRequiredService<RepositoryService>().FindAsync("acme/ledger", CancellationToken.None)).OrThrow();
        Assert.Equal("ok", view.FetchOutcome);

        using var admin = story.Server.Client();
        var audit = await admin.GetStringAsync("api/v1/audit?limit=100");
        Assert.Contains("forge.installation.added", audit);
        Assert.Contains("forge.installation.removed", audit);
        Assert.Contains("repository.registered", audit);
    }

    private const string PolicyFile = ".countersign/policy.yaml";
}
