using System.Text.Json.Nodes;
using Countersign.Server.Forges;
using Countersign.Server.Forges.GitLab;

namespace Countersign.Server.Tests.Forges.GitLab;

/// <summary>GitLab's real deliveries, and hostile variants of them, read into forge events.</summary>
public sealed class GitLabEventsTests
{
    private const string MergeRequestHook = "Merge Request Hook";

    public static TheoryData<string> Payloads() => new(GitLabPayloads.All());

    [Theory]
    [MemberData(nameof(Payloads))]
    public void EveryRealPayloadIsAnEventOrIgnoredAndNoneIsRejected(string file)
    {
        var parsed = GitLabEvents.Parse(GitLabPayloads.EventOf(file), GitLabPayloads.Read(file));

        if (GitLabPayloads.EventOf(file) == "Note Hook")
        {
            Assert.Null(parsed.Event);
            Assert.IsType<DeliveryOutcome.Ignored>(parsed.NotWorked);
        }
        else
        {
            Assert.NotNull(parsed.Event);
        }
    }

    [Fact]
    public void AnOpenedMergeRequestFrom2017IsARequestWithItsHeadBranchesAndProject()
    {
        var changed = Event<ForgeEvent.RequestChanged>("drone-go-scm/pull_request_create.json");

        Assert.Equal(ForgeKind.GitLab, changed.Forge);
        Assert.Equal("open", changed.Action);
        Assert.Equal(new ForgeRepository("gitlab-org/hello-world", "https://gitlab.com/gitlab-org/hello-world.git", 4861503, null, "master"), changed.Repository);
        var request = changed.Request;
        Assert.Equal(1, request.Number);
        Assert.Equal("update readme", request.Title);
        Assert.Equal("adding build instructions to readme", request.Body);
        Assert.Equal("c4c79227ed610f1151f05bbc5be33b4f340d39c8", request.HeadSha);
        Assert.Equal("feature", request.HeadRef);
        Assert.Equal("master", request.BaseRef);
        Assert.Null(request.BaseSha);
        Assert.Empty(request.Labels);
        Assert.False(request.Draft);
        // 2017's user object has no id: the opener is the author, whose id the merge request carries.
        Assert.Equal(new ForgeUser("sytses", 51764, false), request.Author);
    }

    [Fact]
    public void TodaysOpenedMergeRequestCarriesItsLabelTitlesAndAnAuthorKnownOnlyById()
    {
        var changed = Event<ForgeEvent.RequestChanged>("gitlab-docs/merge_request_hook.open.json");

        Assert.Equal(["API"], changed.Request.Labels);
        Assert.Equal("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", changed.Request.HeadSha);
        Assert.Equal("ms-viewport", changed.Request.HeadRef);
        Assert.Null(changed.Request.Body);
        Assert.Equal(new ForgeUser("", 51, false), changed.Request.Author);
        Assert.Equal(1, changed.Repository.ForgeId);
        Assert.Equal("gitlabhq/gitlab-test", changed.Repository.FullName);
    }

    [Fact]
    public void AnUpdateWithoutOldrevIsAnEditAndKeepsTheDraftFlag()
    {
        var changed = Event<ForgeEvent.RequestChanged>("drone-go-scm/pull_request_review_ready.json");

        Assert.Equal("update", changed.Action);
        Assert.True(changed.Request.Draft);
        Assert.Equal("Draft: Update README.md", changed.Request.Title);
        Assert.Equal(new ForgeUser("rathod.meetsatish", 13900456, false), changed.Request.Author);
        Assert.Equal("main", changed.Repository.DefaultBranch);
    }

    [Fact]
    public void AnUpdateWithOldrevBroughtNewCommits()
    {
        var tree = GitLabPayloads.Tree("drone-go-scm/pull_request_review_ready.json");
        tree["object_attributes"]!["oldrev"] = "2adc9465c4edfc33834e173fe89436a7cb899a1d";

        var changed = Event<ForgeEvent.RequestChanged>(MergeRequestHook, tree);

        Assert.Equal("update:commits", changed.Action);
    }

    [Fact]
    public void AReopenedMergeRequestIsARequestChange()
    {
        var tree = GitLabPayloads.Tree("drone-go-scm/pull_request_create.json");
        tree["object_attributes"]!["action"] = "reopen";

        Assert.Equal("reopen", Event<ForgeEvent.RequestChanged>(MergeRequestHook, tree).Action);
    }

    [Fact]
    public void AnApprovalIsAReviewByTheUserBoundToTheLastCommitItNames()
    {
        var reviewed = Event<ForgeEvent.Reviewed>("zulip/merge_request_hook__merge_request_approved.json");

        Assert.Equal(ReviewVerdict.Approved, reviewed.Verdict);
        Assert.Equal(new ForgeUser("eeshangargtest", 0, false), reviewed.Reviewer);
        Assert.Equal(1, reviewed.Number);
        Assert.Equal("b1b2824f280e73c5f57c78da5f8eb3cd19990867", reviewed.CommitSha);
        Assert.Equal("approval:1:eeshangargtest:b1b2824f280e73c5f57c78da5f8eb3cd19990867@2017-12-18 00:39:44 UTC", reviewed.ReviewId);
        Assert.Contains("last commit as the payload gave it", reviewed.Body, StringComparison.Ordinal);
        Assert.Equal("eeshangarg/my-awesome-project", reviewed.Repository.FullName);
        Assert.Equal(3319043, reviewed.Repository.ForgeId);
    }

    [Fact]
    public void AnApprovalCarriesTheMergeRequestItsPayloadDescribes()
    {
        var reviewed = Event<ForgeEvent.Reviewed>("zulip/merge_request_hook__merge_request_approved.json");

        var request = Assert.IsType<ForgeRequest>(reviewed.Request);
        Assert.Equal("b1b2824f280e73c5f57c78da5f8eb3cd19990867", request.HeadSha);
        Assert.Equal("changes", request.HeadRef);
        Assert.Equal("feature", request.BaseRef);
        Assert.Equal("Update the README with author name", request.Title);
    }

    [Fact]
    public void TheIndividualApprovalAndTheApprovedEventForItAreOneReview()
    {
        var tree = GitLabPayloads.Tree("zulip/merge_request_hook__merge_request_approved.json");
        tree["object_attributes"]!["action"] = "approval";

        var approval = Event<ForgeEvent.Reviewed>(MergeRequestHook, tree);
        var approved = Event<ForgeEvent.Reviewed>("zulip/merge_request_hook__merge_request_approved.json");

        Assert.Equal(ReviewVerdict.Approved, approval.Verdict);
        Assert.Equal(approved.ReviewId, approval.ReviewId);
    }

    [Theory]
    [InlineData("unapproved")]
    [InlineData("unapproval")]
    public void AnUnapprovalIsAWithdrawalByTheUser(string action)
    {
        var tree = GitLabPayloads.Tree("zulip/merge_request_hook__merge_request_approved.json");
        tree["object_attributes"]!["action"] = action;

        var withdrawn = Event<ForgeEvent.Reviewed>(MergeRequestHook, tree);

        Assert.Equal(ReviewVerdict.Withdrawn, withdrawn.Verdict);
        Assert.Equal(new ForgeUser("eeshangargtest", 0, false), withdrawn.Reviewer);
        Assert.Equal(1, withdrawn.Number);
    }

    [Fact]
    public void ApprovingAgainAfterAnUnapprovalIsAnotherReview()
    {
        var tree = GitLabPayloads.Tree("zulip/merge_request_hook__merge_request_approved.json");
        var first = Event<ForgeEvent.Reviewed>(MergeRequestHook, tree);
        tree["object_attributes"]!["updated_at"] = "2017-12-18 00:45:02 UTC";

        var again = Event<ForgeEvent.Reviewed>(MergeRequestHook, tree);

        Assert.NotEqual(first.ReviewId, again.ReviewId);
    }

    [Fact]
    public void AnApprovalWithoutALastCommitIsBoundToTheHeadWhenWorkedAndSaysSo()
    {
        var tree = GitLabPayloads.Tree("zulip/merge_request_hook__merge_request_approved.json");
        tree["object_attributes"]!.AsObject().Remove("last_commit");
        tree["user"]!["id"] = 77;

        var reviewed = Event<ForgeEvent.Reviewed>(MergeRequestHook, tree);

        Assert.Null(reviewed.CommitSha);
        Assert.Equal(77, reviewed.Reviewer.Id);
        Assert.Equal("approval:1:eeshangargtest:head@2017-12-18 00:39:44 UTC", reviewed.ReviewId);
        Assert.Contains("head when Countersign worked it", reviewed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void AProjectAccessTokensApprovalIsABots()
    {
        var tree = GitLabPayloads.Tree("zulip/merge_request_hook__merge_request_approved.json");
        tree["user"]!["username"] = "project_3319043_bot_5f2e";

        Assert.True(Event<ForgeEvent.Reviewed>(MergeRequestHook, tree).Reviewer.IsBot);
    }

    [Fact]
    public void AMergedMergeRequestIsClosedAsMerged()
    {
        var closed = Event<ForgeEvent.RequestClosed>("drone-go-scm/pull_request_merge.json");

        Assert.True(closed.Merged);
        Assert.Equal(1, closed.Number);
        Assert.Equal("gitlab-org/hello-world", closed.Repository.FullName);
    }

    [Fact]
    public void AClosedMergeRequestIsClosedUnmerged()
    {
        var tree = GitLabPayloads.Tree("drone-go-scm/pull_request_merge.json");
        tree["object_attributes"]!["action"] = "close";

        Assert.False(Event<ForgeEvent.RequestClosed>(MergeRequestHook, tree).Merged);
    }

    [Fact]
    public void APushToTheDefaultBranchListsEveryTouchedPathOnce()
    {
        var pushed = Event<ForgeEvent.Pushed>("gitlab-docs/push_hook.json");

        Assert.Equal("master", pushed.Branch);
        Assert.True(pushed.IsDefaultBranch);
        Assert.Equal("95790bf891e76fee5e1747ab589903a6a1f80f22", pushed.Before);
        Assert.Equal("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", pushed.After);
        Assert.Equal(["CHANGELOG", "app/controller/application.rb"], pushed.Paths);
        Assert.Equal(new ForgeRepository("mike/diaspora", "http://example.com/mike/diaspora.git", 15, null, "master"), pushed.Repository);
    }

    [Fact]
    public void APushToAnotherBranchIsNotTheDefaultBranchs()
    {
        var tree = GitLabPayloads.Tree("drone-go-scm/push.json");
        tree["ref"] = "refs/heads/feature";

        var pushed = Event<ForgeEvent.Pushed>("Push Hook", tree);

        Assert.Equal("feature", pushed.Branch);
        Assert.False(pushed.IsDefaultBranch);
        Assert.Equal(["README.md"], pushed.Paths);
    }

    [Theory]
    [InlineData("Push Hook", "drone-go-scm/push.json", "ref", "refs/tags/v1.0")]
    [InlineData(MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.action", "approval_rule_changed")]
    [InlineData("System Hook", "drone-go-scm/push.json", null, null)]
    [InlineData("Pipeline Hook", "drone-go-scm/push.json", null, null)]
    public void WhatCountersignDoesNotActOnIsIgnored(string eventName, string file, string? path, string? value)
    {
        var tree = GitLabPayloads.Tree(file);
        if (path is not null)
        {
            Set(tree, path, value);
        }

        var skipped = NotWorked(GitLabEvents.Parse(eventName, tree.ToJsonString()));

        Assert.IsType<DeliveryOutcome.Ignored>(skipped);
    }

    [Fact]
    public void AnIgnoredActionNeedsNoOtherField()
    {
        var body = """{"object_kind":"merge_request","object_attributes":{"action":"approval_rule_changed"}}""";

        var skipped = NotWorked(GitLabEvents.Parse(MergeRequestHook, body));

        Assert.IsType<DeliveryOutcome.Ignored>(skipped);
    }

    public static TheoryData<string, string, string, string?, string> Hostile() => new()
    {
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "project.id", null, "project.id: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "project.id", "\"4861503; DROP TABLE\"", "project.id: expected a whole number" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "project.id", "-5", "project.id: expected a positive number" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "project", null, "project: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "project", "[]", "project: expected an object, found an array" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "project.path_with_namespace", "\"a/\\u001b[31mb\"", "project.path_with_namespace: contains control characters" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "project.path_with_namespace", "\"\"", "project.path_with_namespace: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes", null, "object_attributes: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.action", null, "object_attributes.action: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.action", "7", "object_attributes.action: expected a string, found the number 7" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.iid", null, "object_attributes.iid: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.iid", "0", "object_attributes.iid: expected a positive number" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.iid", "99999999999", "object_attributes.iid: larger than" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.last_commit", null, "object_attributes.last_commit.id: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.last_commit.id", "\"c4c79227; rm -rf /\"", "object_attributes.last_commit.id: not a commit id" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.source_branch", null, "object_attributes.source_branch: missing" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_attributes.target_branch", "{}", "object_attributes.target_branch: expected a string, found an object" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "labels", "\"AI-assisted\"", "labels: expected an array" },
        { MergeRequestHook, "drone-go-scm/pull_request_create.json", "object_kind", "\"push\"", "object_kind: \"push\" is not what a Merge Request Hook carries" },
        { MergeRequestHook, "zulip/merge_request_hook__merge_request_approved.json", "user", null, "user: missing" },
        { MergeRequestHook, "zulip/merge_request_hook__merge_request_approved.json", "user.username", null, "user.username: missing" },
        { MergeRequestHook, "zulip/merge_request_hook__merge_request_approved.json", "user.username", "\"root\\nInjected: yes\"", "user.username: contains control characters" },
        { MergeRequestHook, "zulip/merge_request_hook__merge_request_approved.json", "object_attributes.last_commit.id", "\"b1b2824\"", "object_attributes.last_commit.id: not a commit id" },
        { "Push Hook", "drone-go-scm/push.json", "after", null, "after: missing" },
        { "Push Hook", "drone-go-scm/push.json", "before", "\"../../etc/passwd\"", "before: not a commit id" },
        { "Push Hook", "drone-go-scm/push.json", "ref", null, "ref: missing" },
        { "Push Hook", "drone-go-scm/push.json", "commits", "{\"added\":[]}", "commits: expected an array" },
        { "Push Hook", "gitlab-docs/push_hook.json", "project.id", "1.5", "project.id: expected a whole number" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void AMissingOrMalformedEssentialFieldIsRejectedByItsPath(string eventName, string file, string path, string? json, string expected)
    {
        var tree = GitLabPayloads.Tree(file);
        Set(tree, path, json is null ? null : JsonNode.Parse(json));

        var skipped = NotWorked(GitLabEvents.Parse(eventName, tree.ToJsonString()));

        var rejected = Assert.IsType<DeliveryOutcome.Rejected>(skipped);
        Assert.StartsWith("GitLab payload: " + expected, rejected.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', rejected.Detail);
    }

    [Fact]
    public void AProjectWithNoCloneUrlIsRejectedAndAnOlderHttpUrlIsEnough()
    {
        var tree = GitLabPayloads.Tree("drone-go-scm/pull_request_create.json");
        tree["project"]!.AsObject().Remove("git_http_url");
        Assert.Equal("https://gitlab.com/gitlab-org/hello-world.git", Event<ForgeEvent.RequestChanged>(MergeRequestHook, tree).Repository.CloneUrl);

        tree["project"]!.AsObject().Remove("http_url");
        var skipped = NotWorked(GitLabEvents.Parse(MergeRequestHook, tree.ToJsonString()));
        Assert.Equal("GitLab payload: project.git_http_url: missing", Assert.IsType<DeliveryOutcome.Rejected>(skipped).Detail);
    }

    [Theory]
    [InlineData("", "the body is not JSON")]
    [InlineData("{\"object_kind\":", "the body is not JSON")]
    [InlineData("[1,2]", "the body is not a JSON object")]
    [InlineData("\"push\"", "the body is not a JSON object")]
    [InlineData("{}", "object_attributes: missing")]
    public void ABodyThatIsNotAPayloadIsRejected(string body, string expected)
    {
        var skipped = NotWorked(GitLabEvents.Parse(MergeRequestHook, body));

        Assert.StartsWith("GitLab payload: " + expected, Assert.IsType<DeliveryOutcome.Rejected>(skipped).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeeplyNestedBodyIsRejectedNotOverflowed()
    {
        var body = "{\"labels\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var skipped = NotWorked(GitLabEvents.Parse(MergeRequestHook, body));

        Assert.StartsWith("GitLab payload: the body is not JSON", Assert.IsType<DeliveryOutcome.Rejected>(skipped).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileLabelsAreBoundedAndOddItemsSkipped()
    {
        var tree = GitLabPayloads.Tree("drone-go-scm/pull_request_create.json");
        var labels = new JsonArray { "AI-assisted", new JsonObject { ["title"] = new string('x', 10_000) }, 5, new JsonObject { ["title"] = 3 }, "AI-assisted" };
        for (var i = 0; i < 500; i++)
        {
            labels.Add($"label-{i}");
        }

        tree["labels"] = labels;

        var request = Event<ForgeEvent.RequestChanged>(MergeRequestHook, tree).Request;

        Assert.Equal("AI-assisted", request.Labels[0]);
        Assert.Equal(255, request.Labels[1].Length);
        Assert.Equal(100, request.Labels.Count);
    }

    private static T Event<T>(string file)
        where T : ForgeEvent =>
        Assert.IsType<T>(GitLabEvents.Parse(GitLabPayloads.EventOf(file), GitLabPayloads.Read(file)).Event);

    private static T Event<T>(string eventName, JsonObject tree)
        where T : ForgeEvent =>
        Assert.IsType<T>(GitLabEvents.Parse(eventName, tree.ToJsonString()).Event);

    private static DeliveryOutcome NotWorked(ParsedDelivery parsed)
    {
        Assert.Null(parsed.Event);
        return Assert.IsType<DeliveryOutcome>(parsed.NotWorked, exactMatch: false);
    }

    /// <summary>Sets (or, with null, removes) the field at a dotted path.</summary>
    private static void Set(JsonObject tree, string path, JsonNode? value)
    {
        var names = path.Split('.');
        var parent = tree;
        foreach (var name in names[..^1])
        {
            parent = parent[name]!.AsObject();
        }

        if (value is null)
        {
            parent.Remove(names[^1]);
        }
        else
        {
            parent[names[^1]] = value;
        }
    }

    private static void Set(JsonObject tree, string path, string? value) => Set(tree, path, value is null ? null : JsonValue.Create(value));
}
