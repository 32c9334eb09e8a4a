using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Server.Tests.Webhooks;

namespace Countersign.Server.Tests.Forges.GitLab;

/// <summary>
/// The story on GitLab, end to end: real GitLab payloads (project, commit and user fields replaced) sent with
/// <c>X-Gitlab-Token</c> to the real endpoint, worked from the durable queue by the real processor on a mirror of a real
/// repository (served over <c>file://</c>), the verdict published through the outbox to a fake GitLab on loopback.
/// </summary>
public sealed class GitLabStoryTests
{
    private const long Project = 4242;
    private const long CheckId = 9;
    private const string PublicUrl = "https://countersign.example.com";

    /// <summary>The shop's people with their GitLab usernames, and a second senior in payments; the names people show on GitLab are nothing to Countersign.</summary>
    private static readonly string Org = PolicyShop.Org
        .Replace("    level: junior\n", "    gitlab: dana.j\n    level: junior\n", StringComparison.Ordinal)
        .Replace("    level: mid\n", "    gitlab: bob.m\n    level: mid\n", StringComparison.Ordinal)
        .Replace("    github: erin-s\n", "    github: erin-s\n    gitlab: erin.s\n", StringComparison.Ordinal)
        .Replace("    emails: [sam@acme.test]\n", "    emails: [sam@acme.test]\n    gitlab: sam.s\n", StringComparison.Ordinal)
        .Replace("bots:\n", "  - id: ana\n    name: Ana Senior\n    emails: [ana@acme.test]\n    gitlab: ana.s\n    level: senior\n    teams: [payments]\nbots:\n", StringComparison.Ordinal);

    private static readonly (long Id, string Username, string Name) Dana = (101, "dana.j", "Dana Junior");
    private static readonly (long Id, string Username, string Name) Bob = (102, "bob.m", "Erin Senior"); // a display name proves nothing
    private static readonly (long Id, string Username, string Name) Erin = (103, "erin.s", "Erin Senior");

    private string shopUrl = "";

    [Fact]
    public async Task AJuniorsAiAssistedMergeRequestWaitsForASeniorOwnerAndKeepsTheSignOffAcrossARebase()
    {
        using var shop = PolicyShop.Create();
        shopUrl = $"file://{shop.Path}";
        Assert.Contains("gitlab: ana.s", Org, StringComparison.Ordinal);
        shop.Repo.Git("checkout -q main");
        shop.Repo.Commit("org: GitLab usernames", new Dictionary<string, string> { [".countersign/org.yaml"] = Org }, author: PolicyShop.Erin);
        var head1 = shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim();
        await using var gitlab = await FakeGitLab.StartAsync();
        gitlab.AddExternalStatusCheck(Project, CheckId, "countersign");
        await using var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            PublicUrl = PublicUrl,
            GitLab = o.GitLab with { Url = gitlab.Url, Token = FakeGitLab.Token },
            Webhooks = o.Webhooks with { GitLabToken = WebhookClient.GitLabToken, Poll = TimeSpan.FromMilliseconds(100), RetryBase = TimeSpan.FromMilliseconds(50) },
        });
        await server.ImportOrgAsync(Org);
        using var client = server.Client(token: null);

        // Dana, a junior, opens a merge request whose commit carries an AI tool's trailer: it waits for a senior owner.
        await SendAsync(client, "gitlab-docs/merge_request_hook.open.json", Request("open", head1, Dana));
        var opened = await StatusAsync(gitlab, head1, s => s.Status == "pending");
        Assert.StartsWith("Waiting for 1 sign-off", opened.Description, StringComparison.Ordinal);
        Assert.Contains("Erin Senior", opened.Description, StringComparison.Ordinal);
        Assert.Contains("Ana Senior", opened.Description, StringComparison.Ordinal);
        Assert.Matches($"^{PublicUrl}/ui/changes/[0-9]+$", opened.TargetUrl);
        await CheckAnswerAsync(gitlab, head1, "failed");

        // Bob, a mid-level engineer whose GitLab display name even says "Erin Senior", approves: still pending, and why.
        await SendAsync(client, "zulip/merge_request_hook__merge_request_approved.json", Approval(head1, Bob, "2026-12-03 20:01:00 UTC"));
        var mid = await StatusAsync(gitlab, head1, s => s.Description?.Contains("@bob.m", StringComparison.Ordinal) == true);
        Assert.Equal("pending", mid.Status);
        Assert.StartsWith("Waiting for 1 sign-off", mid.Description, StringComparison.Ordinal);

        // Erin, a senior owner of payments, approves while GitLab answers 502 twice: the outbox retries, then success.
        gitlab.FailNext(2, 502);
        await SendAsync(client, "zulip/merge_request_hook__merge_request_approved.json", Approval(head1, Erin, "2026-12-03 20:02:00 UTC"));
        var approved = await StatusAsync(gitlab, head1, s => s.Status == "success");
        Assert.StartsWith("Signed off by Erin Senior; not counted: @bob.m (", approved.Description, StringComparison.Ordinal);
        Assert.Equal([502, 502], gitlab.Calls.Where(c => c.Status >= 500).Select(c => c.Status));
        await CheckAnswerAsync(gitlab, head1, "passed");

        // Dana pushes new content: pending again, and Erin's approval is dismissed for it.
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        var head2 = shop.Repo.Commit("payments: partial refunds", new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\n\nfunc Refund(amount int) {}\n" }, author: PolicyShop.Dana);
        await SendAsync(client, "drone-go-scm/pull_request_review_ready.json", Request("update", head2, Dana, oldrev: head1));
        var pushed = await StatusAsync(gitlab, head2, s => s.Status == "pending");
        Assert.Contains("; not counted: @erin.s (dismissed: new content since then", pushed.Description, StringComparison.Ordinal);

        // Erin approves the new content (GitLab answers 429 with Retry-After first): success.
        gitlab.FailNext(1, 429, TimeSpan.FromSeconds(1));
        await SendAsync(client, "zulip/merge_request_hook__merge_request_approved.json", Approval(head2, Erin, "2026-12-03 20:03:00 UTC"));
        await StatusAsync(gitlab, head2, s => s.Status == "success");
        Assert.Contains(gitlab.Calls, c => c.Status == 429);

        // Main moves on; Dana rebases without changing her content: the sign-off is kept, still success.
        shop.Repo.Git("checkout -q main");
        shop.Repo.Commit("docs: index", new Dictionary<string, string> { ["docs/index.md"] = "# Docs\n\nMore.\n" }, author: PolicyShop.Erin);
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Git("rebase -q main");
        var head3 = shop.Repo.Git("rev-parse HEAD").Trim();
        Assert.NotEqual(head2, head3);
        await SendAsync(client, "drone-go-scm/pull_request_review_ready.json", Request("update", head3, Dana, oldrev: head2));
        var rebased = await StatusAsync(gitlab, head3, s => s.Status is "success" or "pending" or "failed");
        Assert.Equal("success", rebased.Status);
        Assert.StartsWith("Signed off by Erin Senior", rebased.Description, StringComparison.Ordinal);
        await CheckAnswerAsync(gitlab, head3, "passed");

        // Every call carried the access token; the status bodies are what docs/gitlab.md shows.
        Assert.All(gitlab.Calls, c => Assert.Equal(FakeGitLab.Token, c.Credential));
        var body = gitlab.Calls.Last(c => c.Path.EndsWith($"/statuses/{head3}", StringComparison.Ordinal) && c.Status == 201).Body!.AsObject();
        Assert.Equal(["state", "name", "description", "target_url"], body.Select(p => p.Key));
        Assert.Equal("countersign", body["name"]!.GetValue<string>());
        foreach (var call in gitlab.Calls)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{call.Method} {call.Path} {call.Status} {call.Body?.ToJsonString()}");
        }
    }

    /// <summary>A merge request event for the shop's MR !1 at <paramref name="head"/>, made from a real payload.</summary>
    private Func<JsonObject, JsonObject> Request(string action, string head, (long Id, string Username, string Name) user, string? oldrev = null) => tree =>
    {
        Shape(tree, head, user);
        tree["object_attributes"]!["action"] = action;
        if (oldrev is not null)
        {
            tree["object_attributes"]!["oldrev"] = oldrev;
        }

        return tree;
    };

    /// <summary>An approval of MR !1 by <paramref name="user"/>, GitLab's last commit being <paramref name="head"/>.</summary>
    private Func<JsonObject, JsonObject> Approval(string head, (long Id, string Username, string Name) user, string updatedAt) => tree =>
    {
        Shape(tree, head, user);
        tree["object_attributes"]!["action"] = "approved";
        tree["object_attributes"]!["updated_at"] = updatedAt;
        return tree;
    };

    /// <summary>Replaces the project, merge request, commit and user fields of a real payload with the shop's.</summary>
    private void Shape(JsonObject tree, string head, (long Id, string Username, string Name) user)
    {
        var project = tree["project"]!.AsObject();
        project["id"] = Project;
        project["path_with_namespace"] = "acme/shop";
        project["default_branch"] = "main";
        project["git_http_url"] = shopUrl;
        project["http_url"] = shopUrl;
        var mr = tree["object_attributes"]!.AsObject();
        mr["iid"] = 1;
        mr["title"] = "payments: refunds";
        mr["source_branch"] = PolicyShop.Feature;
        mr["target_branch"] = "main";
        mr["source_project_id"] = Project;
        mr["target_project_id"] = Project;
        mr["author_id"] = Dana.Id;
        mr["last_commit"]!["id"] = head;
        tree["user"] = new JsonObject { ["id"] = user.Id, ["name"] = user.Name, ["username"] = user.Username };
    }

    private static async Task SendAsync(HttpClient client, string template, Func<JsonObject, JsonObject> shape)
    {
        var body = Encoding.UTF8.GetBytes(shape(GitLabPayloads.Tree(template)).ToJsonString());
        using var request = WebhookClient.GitLab("Merge Request Hook", Guid.NewGuid().ToString(), body, WebhookClient.GitLabToken);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<FakeGitLab.CommitStatus> StatusAsync(FakeGitLab gitlab, string sha, Func<FakeGitLab.CommitStatus, bool> shown) =>
        Eventually.WaitAsync(() => Task.FromResult(gitlab.Latest(Project, sha)), s => s is not null && shown(s), $"the countersign status on {sha[..8]}")!;

    private static Task CheckAnswerAsync(FakeGitLab gitlab, string sha, string status) =>
        Eventually.WaitAsync(
            () => Task.FromResult(gitlab.StatusCheckResponses.LastOrDefault(r => r["sha"]!.GetValue<string>() == sha)),
            r => r is not null && r["status"]!.GetValue<string>() == status && r["external_status_check_id"]!.GetValue<long>() == CheckId && r["merge_request_iid"]!.GetValue<long>() == 1,
            $"the external status check answered {status} on {sha[..8]}");
}
