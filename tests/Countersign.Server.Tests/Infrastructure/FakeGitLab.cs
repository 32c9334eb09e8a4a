using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// GitLab's REST API as far as Countersign calls it, on loopback: commit statuses (with GitLab's state machine: a
/// status is found among the pending or running ones of that name and commit, and setting the state it already has
/// is refused with GitLab's 400), external status checks (or a tier without them: 403) and their responses.
/// Every call needs <c>PRIVATE-TOKEN: </c><see cref="Token"/>.
/// </summary>
internal sealed partial class FakeGitLab : FakeForgeApi
{
    public const string Token = "glpat-countersign-test-token-0123";

    private readonly Dictionary<long, List<(long Id, string Name)>> checks = [];
    private readonly List<CommitStatus> statuses = [];
    private readonly List<JsonObject> checkResponses = [];
    private long nextId = 1000;

    private FakeGitLab()
    {
    }

    /// <summary>A commit status as GitLab keeps it (the newest last).</summary>
    public sealed record CommitStatus(long Id, long Project, string Sha, string Name, string Status, string? Description, string? TargetUrl);

    /// <summary>False: the instance's tier has no external status checks (Premium/Ultimate only): their API answers 403.</summary>
    public bool HasExternalStatusChecks { get; set; } = true;

    /// <summary>The API's base URL as <c>--gitlab-url</c> takes it (the instance, without <c>/api/v4</c>).</summary>
    public string Url => Address.AbsoluteUri.TrimEnd('/');

    protected override string CredentialHeader => "PRIVATE-TOKEN";

    public static async Task<FakeGitLab> StartAsync()
    {
        var gitlab = new FakeGitLab();
        await gitlab.ListenAsync();
        return gitlab;
    }

    /// <summary>Configures an external status check on <paramref name="project"/>.</summary>
    public void AddExternalStatusCheck(long project, long id, string name)
    {
        lock (Gate)
        {
            (checks.TryGetValue(project, out var list) ? list : checks[project] = []).Add((id, name));
        }
    }

    /// <summary>Every commit status of <paramref name="project"/> on <paramref name="sha"/>, oldest first.</summary>
    public IReadOnlyList<CommitStatus> Statuses(long project, string sha)
    {
        lock (Gate)
        {
            return statuses.Where(s => s.Project == project && s.Sha == sha).ToList();
        }
    }

    /// <summary>The newest commit status named <c>countersign</c> on <paramref name="sha"/>: what GitLab shows.</summary>
    public CommitStatus? Latest(long project, string sha) => Statuses(project, sha).LastOrDefault(s => s.Name == "countersign");

    /// <summary>Every external status check response received (with the project and merge request it was for).</summary>
    public IReadOnlyList<JsonObject> StatusCheckResponses
    {
        get
        {
            lock (Gate)
            {
                return checkResponses.Select(r => r.DeepClone().AsObject()).ToList();
            }
        }
    }

    protected override bool Accepts(string? credential) => credential == Token;

    protected override JsonNode Unauthorised() => new JsonObject { ["message"] = "401 Unauthorized" };

    protected override (int Status, JsonNode? Body) Answer(string method, string path, IQueryCollection query, JsonNode? body)
    {
        if (method == "POST" && PostStatus().Match(path) is { Success: true } post)
        {
            return SetStatus(long.Parse(post.Groups[1].Value), post.Groups[2].Value, body as JsonObject ?? []);
        }

        if (method == "GET" && GetStatuses().Match(path) is { Success: true } get)
        {
            var list = new JsonArray(Statuses(long.Parse(get.Groups[1].Value), get.Groups[2].Value).Select(Json).ToArray<JsonNode?>());
            return (200, list);
        }

        if (method == "GET" && ExternalChecks().Match(path) is { Success: true } list2)
        {
            if (!HasExternalStatusChecks)
            {
                return (403, new JsonObject { ["message"] = "403 Forbidden" });
            }

            var project = long.Parse(list2.Groups[1].Value);
            var configured = checks.TryGetValue(project, out var found) ? found : [];
            return (200, new JsonArray(configured.Select(c => (JsonNode?)new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["project_id"] = project, ["external_url"] = "https://countersign.example/ignored" }).ToArray()));
        }

        if (method == "POST" && CheckResponse().Match(path) is { Success: true } respond)
        {
            return Respond(long.Parse(respond.Groups[1].Value), long.Parse(respond.Groups[2].Value), body as JsonObject ?? []);
        }

        return (404, new JsonObject { ["message"] = "404 Not Found" });
    }

    /// <summary>GitLab's <c>POST /projects/:id/statuses/:sha</c> (lib/api/commit_statuses.rb) with its state machine.</summary>
    private (int, JsonNode?) SetStatus(long project, string sha, JsonObject body)
    {
        var state = body["state"]?.GetValue<string>();
        var name = body["name"]?.GetValue<string>() ?? "default";
        var description = body["description"]?.GetValue<string>();
        var target = body["target_url"]?.GetValue<string>();
        if (state is not ("pending" or "running" or "success" or "failed" or "canceled" or "skipped"))
        {
            return (400, new JsonObject { ["error"] = "state does not have a valid value" });
        }

        if (description is { Length: > 255 })
        {
            return (400, new JsonObject { ["message"] = new JsonObject { ["description"] = new JsonArray("is too long (maximum is 255 characters)") } });
        }

        var existing = statuses.LastOrDefault(s => s.Project == project && s.Sha == sha && s.Name == name && s.Status is "pending" or "running");
        var from = existing?.Status ?? "created";
        var (allowed, verb) = state switch
        {
            "pending" => (from == "created", "enqueue"),
            "running" => (from is "created" or "pending", "run"),
            "skipped" => (from == "created", "skip"),
            _ => (true, state),
        };
        if (!allowed)
        {
            return (400, new JsonObject { ["message"] = $"Cannot transition status via :{verb} from :{from} (Reason(s): Status cannot transition via \"{verb}\")" });
        }

        var status = new CommitStatus(existing?.Id ?? nextId++, project, sha, name, state, description ?? existing?.Description, target ?? existing?.TargetUrl);
        if (existing is not null)
        {
            statuses[statuses.IndexOf(existing)] = status;
        }
        else
        {
            statuses.Add(status);
        }

        return (201, Json(status));
    }

    /// <summary>GitLab's <c>POST /projects/:id/merge_requests/:iid/status_check_responses</c>.</summary>
    private (int, JsonNode?) Respond(long project, long iid, JsonObject body)
    {
        if (!HasExternalStatusChecks)
        {
            return (403, new JsonObject { ["message"] = "403 Forbidden" });
        }

        var checkId = body["external_status_check_id"]?.GetValue<long>();
        var status = body["status"]?.GetValue<string>();
        if (body["sha"] is null || status is not ("passed" or "failed" or "pending"))
        {
            return (400, new JsonObject { ["error"] = "sha, external_status_check_id, status are missing or invalid" });
        }

        if (!checks.TryGetValue(project, out var list) || list.All(c => c.Id != checkId))
        {
            return (404, new JsonObject { ["message"] = "404 Not found" });
        }

        var response = new JsonObject
        {
            ["id"] = nextId++,
            ["project_id"] = project,
            ["merge_request_iid"] = iid,
            ["sha"] = body["sha"]!.DeepClone(),
            ["external_status_check_id"] = checkId,
            ["status"] = status,
        };
        checkResponses.Add(response);
        return (201, new JsonObject
        {
            ["id"] = response["id"]!.DeepClone(),
            ["merge_request"] = new JsonObject { ["iid"] = iid, ["project_id"] = project },
            ["external_status_check"] = new JsonObject { ["id"] = checkId, ["name"] = list.First(c => c.Id == checkId).Name },
        });
    }

    private static JsonObject Json(CommitStatus s) => new()
    {
        ["id"] = s.Id,
        ["sha"] = s.Sha,
        ["ref"] = null,
        ["status"] = s.Status,
        ["name"] = s.Name,
        ["target_url"] = s.TargetUrl,
        ["description"] = s.Description,
        ["allow_failure"] = false,
    };

    [GeneratedRegex("^/api/v4/projects/([0-9]+)/statuses/([0-9a-f]{40}|[0-9a-f]{64})$")]
    private static partial Regex PostStatus();

    [GeneratedRegex("^/api/v4/projects/([0-9]+)/repository/commits/([0-9a-f]{40}|[0-9a-f]{64})/statuses$")]
    private static partial Regex GetStatuses();

    [GeneratedRegex("^/api/v4/projects/([0-9]+)/external_status_checks$")]
    private static partial Regex ExternalChecks();

    [GeneratedRegex("^/api/v4/projects/([0-9]+)/merge_requests/([0-9]+)/status_check_responses$")]
    private static partial Regex CheckResponse();
}
