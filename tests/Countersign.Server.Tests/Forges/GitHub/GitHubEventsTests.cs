using System.Text.Json.Nodes;
using Countersign.Server.Forges;
using Countersign.Server.Forges.GitHub;

namespace Countersign.Server.Tests.Forges.GitHub;

/// <summary>
/// GitHub's real payloads (octokit/webhooks' examples and a delivery kept by drone/go-scm, under
/// /work/shared/data/github/webhooks) parse into the events they mean; actions Countersign does not act on are ignored;
/// a payload missing a field it reads, or with the field in another type, is rejected naming the field's path.
/// </summary>
public sealed class GitHubEventsTests
{
    private static readonly string Payloads = Path.Combine(FindShared(), "github", "webhooks");

    public static TheoryData<string> EveryPayload() =>
        [.. Directory.GetFiles(Payloads, "*.json", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Payloads, p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(EveryPayload))]
    public void Every_real_payload_is_parsed_or_ignored_never_rejected(string file)
    {
        var parsed = Parse(file);
        Assert.False(parsed.NotWorked is DeliveryOutcome.Rejected, parsed.NotWorked?.Detail);
    }

    [Fact]
    public void An_opened_pull_request_is_a_request_with_its_head_base_labels_author_and_installation()
    {
        var opened = Assert.IsType<ForgeEvent.RequestChanged>(Parse("octokit/pull_request/opened.payload.json").Event);
        Assert.Equal(ForgeKind.GitHub, opened.Forge);
        Assert.Equal("opened", opened.Action);
        Assert.Equal("Codertocat/Hello-World", opened.Repository.FullName);
        Assert.Equal("https://github.com/Codertocat/Hello-World.git", opened.Repository.CloneUrl);
        Assert.Equal(1, opened.Repository.Installation);
        Assert.Equal("master", opened.Repository.DefaultBranch);
        Assert.Equal(2, opened.Request.Number);
        Assert.Equal("ec26c3e57ca3a959ca5aad62de7213c562f8c821", opened.Request.HeadSha);
        Assert.Equal("changes", opened.Request.HeadRef);
        Assert.Equal("master", opened.Request.BaseRef);
        Assert.Equal("Codertocat", opened.Request.Author.Login);
        Assert.False(opened.Request.Author.IsBot);

        var nullBody = Assert.IsType<ForgeEvent.RequestChanged>(Parse("octokit/pull_request/opened.with-null-body.json").Event);
        Assert.Null(nullBody.Request.Body);
        var labelled = Assert.IsType<ForgeEvent.RequestChanged>(Parse("octokit/pull_request/labeled.payload.json").Event);
        Assert.Equal(["bug"], labelled.Request.Labels);
        Assert.IsType<ForgeEvent.RequestChanged>(Parse("octokit/pull_request/synchronize.payload.json").Event);
        Assert.IsType<ForgeEvent.RequestChanged>(Parse("octokit/pull_request/ready_for_review.payload.json").Event);
        var edited = Assert.IsType<ForgeEvent.RequestChanged>(Parse("drone-go-scm/pull_request/pr_edited.json").Event);
        Assert.Null(edited.Repository.Installation);
    }

    [Fact]
    public void Reviews_closures_pushes_checks_and_installations_mean_what_github_says()
    {
        var review = Assert.IsType<ForgeEvent.Reviewed>(Parse("octokit/pull_request_review/submitted.payload.json").Event);
        Assert.Equal(ReviewVerdict.Commented, review.Verdict);
        Assert.Equal("237895671", review.ReviewId);
        Assert.Equal("ec26c3e57ca3a959ca5aad62de7213c562f8c821", review.CommitSha);
        Assert.Equal(2, review.Number);
        Assert.Equal(2, review.Request!.Number);

        var closed = Assert.IsType<ForgeEvent.RequestClosed>(Parse("octokit/pull_request/closed.payload.json").Event);
        Assert.Equal(2, closed.Number);

        Assert.IsType<DeliveryOutcome.Ignored>(Parse("octokit/pull_request/review_requested.payload.json").NotWorked);
        Assert.IsType<DeliveryOutcome.Ignored>(Parse("octokit/ping/payload.json").NotWorked);
        // A deleted tag is no branch push.
        Assert.IsType<DeliveryOutcome.Ignored>(Parse("octokit/push/payload.json").NotWorked);

        var rerun = Assert.IsType<ForgeEvent.Rerequested>(Parse("octokit/check_run/rerequested.payload.json").Event);
        Assert.Equal("d6fde92930d4715a2b49857d24b940956b26d2d3", rerun.HeadSha);
        Assert.Equal("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", Assert.IsType<ForgeEvent.Rerequested>(Parse("octokit/check_suite/requested.payload.json").Event).HeadSha);

        var installed = Assert.IsType<ForgeEvent.Installed>(Parse("octokit/installation/created.payload.json").Event);
        var added = Assert.Single(installed.Added);
        Assert.Equal("Codertocat/Hello-World", added.FullName);
        Assert.Equal("https://github.com/Codertocat/Hello-World.git", added.CloneUrl);
        Assert.Equal(957387, added.Installation);
        Assert.Empty(installed.Removed);
    }

    [Fact]
    public void Approvals_dismissals_default_branch_pushes_merge_groups_and_bots_are_read_from_payloads_shaped_like_githubs()
    {
        var approved = Mutated("octokit/pull_request_review/submitted.payload.json", p => p["review"]!["state"] = "approved");
        Assert.Equal(ReviewVerdict.Approved, Assert.IsType<ForgeEvent.Reviewed>(GitHubEvents.Parse("pull_request_review", approved).Event).Verdict);
        var changes = Mutated("octokit/pull_request_review/submitted.payload.json", p => p["review"]!["state"] = "CHANGES_REQUESTED");
        Assert.Equal(ReviewVerdict.ChangesRequested, Assert.IsType<ForgeEvent.Reviewed>(GitHubEvents.Parse("pull_request_review", changes).Event).Verdict);
        var dismissed = Mutated("octokit/pull_request_review/submitted.payload.json", p =>
        {
            p["action"] = "dismissed";
            p["review"]!["state"] = "dismissed";
            p["review"]!["user"]!["type"] = "Bot";
        });
        var withdrawal = Assert.IsType<ForgeEvent.Reviewed>(GitHubEvents.Parse("pull_request_review", dismissed).Event);
        Assert.Equal(ReviewVerdict.Withdrawn, withdrawal.Verdict);
        Assert.True(withdrawal.Reviewer.IsBot);

        var push = Mutated("octokit/push/with-new-branch.payload.json", p =>
        {
            p["ref"] = "refs/heads/" + p["repository"]!["default_branch"]!.GetValue<string>();
            p["before"] = new string('1', 40);
            p["after"] = new string('2', 40);
        });
        var pushed = Assert.IsType<ForgeEvent.Pushed>(GitHubEvents.Parse("push", push).Event);
        Assert.True(pushed.IsDefaultBranch);

        var group = new JsonObject
        {
            ["action"] = "checks_requested",
            ["merge_group"] = new JsonObject
            {
                ["head_sha"] = new string('a', 40), ["head_ref"] = "refs/heads/gh-readonly-queue/main/pr-2-" + new string('b', 40),
                ["base_sha"] = new string('c', 40), ["base_ref"] = "refs/heads/main",
            },
            ["repository"] = JsonNode.Parse(File.ReadAllText(Path.Combine(Payloads, "octokit/pull_request/opened.payload.json")))!["repository"]!.DeepClone(),
            ["installation"] = new JsonObject { ["id"] = 5 },
        };
        var merge = Assert.IsType<ForgeEvent.MergeGroup>(GitHubEvents.Parse("merge_group", group.ToJsonString()).Event);
        Assert.Equal(new string('a', 40), merge.HeadSha);
        Assert.Equal("refs/heads/main", merge.BaseRef);
        Assert.Equal(5, merge.Repository.Installation);
    }

    [Theory]
    [InlineData("pull_request.head.sha", "pull_request.head.sha: missing or not a string")]
    [InlineData("pull_request.number", "pull_request.number: missing or not a positive integer")]
    [InlineData("repository.full_name", "repository.full_name: missing or not a string")]
    [InlineData("pull_request.user.login", "pull_request.user.login: missing or not a string")]
    public void A_payload_missing_a_field_is_rejected_naming_it(string path, string message)
    {
        var body = Mutated("octokit/pull_request/opened.payload.json", p =>
        {
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate((JsonNode)p, (node, part) => node[part]!);
            parent.AsObject().Remove(parts[^1]);
        });
        var rejected = Assert.IsType<DeliveryOutcome.Rejected>(GitHubEvents.Parse("pull_request", body).NotWorked);
        Assert.Contains(message, rejected.Detail);
    }

    [Fact]
    public void Ill_typed_fields_broken_json_and_deep_nesting_are_rejected_and_unknown_events_ignored()
    {
        var typed = Mutated("octokit/pull_request/opened.payload.json", p => p["pull_request"]!["labels"] = "bug");
        Assert.Contains("pull_request.labels: missing or not an array", Assert.IsType<DeliveryOutcome.Rejected>(GitHubEvents.Parse("pull_request", typed).NotWorked).Detail);
        var sha = Mutated("octokit/pull_request/opened.payload.json", p => p["pull_request"]!["head"]!["sha"] = "--upload-pack=evil");
        Assert.Contains("pull_request.head.sha: missing or not a commit id", Assert.IsType<DeliveryOutcome.Rejected>(GitHubEvents.Parse("pull_request", sha).NotWorked).Detail);
        Assert.IsType<DeliveryOutcome.Rejected>(GitHubEvents.Parse("pull_request", "{\"action\": \"opened\"").NotWorked);
        Assert.IsType<DeliveryOutcome.Rejected>(GitHubEvents.Parse("push", "[1, 2]").NotWorked);
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        Assert.IsType<DeliveryOutcome.Rejected>(GitHubEvents.Parse("push", deep).NotWorked);
        Assert.IsType<DeliveryOutcome.Ignored>(GitHubEvents.Parse("star", "not even json").NotWorked);
        Assert.IsType<DeliveryOutcome.Ignored>(GitHubEvents.Parse("pull_request", "{\"action\": \"assigned\"}").NotWorked);
    }

    private static ParsedDelivery Parse(string file) =>
        GitHubEvents.Parse(file.Split('/')[^2], File.ReadAllText(Path.Combine(Payloads, file)));

    private static string Mutated(string file, Action<JsonObject> change)
    {
        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(Payloads, file)))!.AsObject();
        change(payload);
        return payload.ToJsonString();
    }

    private static string FindShared()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("COUNTERSIGN_SHARED_DATA"), "/work/shared/data" })
        {
            if (candidate is not null && Directory.Exists(Path.Combine(candidate, "github")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("the shared payloads (/work/shared/data) are not here");
    }
}
