using System.Text.Json;
using Countersign.Core.Text;

namespace Countersign.Server.Forges.GitLab;

/// <summary>
/// What a GitLab webhook delivery means: a <c>Merge Request Hook</c> or a <c>Push Hook</c> as a <see cref="ForgeEvent"/>,
/// everything else ignored, a payload missing what the event needs rejected with the field's path. Both shapes GitLab
/// has sent are read: deliveries from 2017 (no <c>event_type</c>, no user id, labels as an empty list) and today's.
/// Nothing here is believed about content: the server builds the change from its own mirror.
/// </summary>
internal static class GitLabEvents
{
    public const string MergeRequestHook = "Merge Request Hook";

    public const string PushHook = "Push Hook";

    private const int MaxLabels = 100;

    private const int MaxPaths = 5000;

    /// <summary>Reads one delivery: <paramref name="eventName"/> is its <c>X-Gitlab-Event</c>, <paramref name="body"/> the raw JSON.</summary>
    public static ParsedDelivery Parse(string eventName, string body)
    {
        if (eventName is not (MergeRequestHook or PushHook))
        {
            return Ignored($"{UntrustedText.ForTerminal(eventName, 60)}: not an event Countersign acts on");
        }

        var (reader, why) = PayloadReader.Parse(body);
        if (reader is null)
        {
            return Rejected(why!);
        }

        var fields = new PayloadFields(reader);
        var expected = eventName == MergeRequestHook ? "merge_request" : "push";
        if (fields.Text("object_kind", 100) is { } kind && kind != expected)
        {
            return Rejected($"object_kind: \"{UntrustedText.ForTerminal(kind, 40)}\" is not what a {eventName} carries (\"{expected}\")");
        }

        var parsed = eventName == MergeRequestHook ? MergeRequest(fields) : Push(fields);
        return fields.Problem is { } problem ? Rejected(problem) : parsed;
    }

    private static ParsedDelivery MergeRequest(PayloadFields fields)
    {
        if (!fields.Object("object_attributes") || fields.Name("object_attributes.action") is not { } action)
        {
            return Invalid;
        }

        var acted = action is "open" or "reopen" or "update" or "approved" or "approval" or "unapproved" or "unapproval" or "merge" or "close";
        if (!acted)
        {
            return Ignored($"{MergeRequestHook} action \"{UntrustedText.ForTerminal(action, 40)}\": not acted on");
        }

        var repository = Project(fields);
        var iid = fields.Id("object_attributes.iid", int.MaxValue);
        if (repository is null || iid is null)
        {
            return Invalid;
        }

        var number = (int)iid.Value;
        return action switch
        {
            "open" or "reopen" or "update" => Request(fields, repository, number, action),
            "approved" or "approval" => Review(fields, repository, number, ReviewVerdict.Approved),
            "unapproved" or "unapproval" => Review(fields, repository, number, ReviewVerdict.Withdrawn),
            _ => new ForgeEvent.RequestClosed(ForgeKind.GitLab, repository, number, Merged: action == "merge"),
        };
    }

    /// <summary>
    /// A merge request opened, reopened or updated. An update with <c>oldrev</c> brought new commits
    /// (action <c>update:commits</c>); one without was an edit of its title, description, labels or draft state.
    /// </summary>
    private static ParsedDelivery Request(PayloadFields fields, ForgeRepository repository, int number, string action)
    {
        if (action == "update" && fields.At("object_attributes.oldrev") is not null)
        {
            action = "update:commits";
        }

        return RequestOf(fields, number, action) is { } request
            ? new ForgeEvent.RequestChanged(ForgeKind.GitLab, repository, request, action)
            : Invalid;
    }

    /// <summary>The merge request as <c>object_attributes</c> describes it; null (and a problem noted) when a field it needs is wrong.</summary>
    private static ForgeRequest? RequestOf(PayloadFields fields, int number, string action)
    {
        var head = fields.Sha("object_attributes.last_commit.id");
        var source = fields.Name("object_attributes.source_branch");
        var target = fields.Name("object_attributes.target_branch");
        var user = fields.Object("user") ? User(fields) : null;
        if (head is null || source is null || target is null || user is null)
        {
            return null;
        }

        // The payload names the author by id only; the acting user is the author when the ids agree, and when a
        // 2017 delivery (no user id) opened the request.
        var authorId = fields.Number("object_attributes.author_id") ?? 0;
        var author = authorId == user.Id || (action == "open" && user.Id == 0) ? user with { Id = authorId } : new ForgeUser("", authorId, false);
        var request = new ForgeRequest(
            number,
            fields.Text("object_attributes.title", 1000) ?? "",
            fields.Text("object_attributes.description", 65536) is { Length: > 0 } body ? body : null,
            head,
            source,
            target,
            BaseSha: null,
            Labels(fields),
            author,
            fields.Flag("object_attributes.draft") || fields.Flag("object_attributes.work_in_progress"));
        return fields.Problem is null ? request : null;
    }

    /// <summary>
    /// An approval or its withdrawal by <c>user</c>. GitLab's approval names no commit: it is bound to the merge
    /// request's <c>last_commit.id</c> when the payload carries one, else to the request's head when the event is
    /// worked (the review's body says which). The merge request rides along (<see cref="ForgeEvent.Reviewed.Request"/>)
    /// when the payload describes it whole, so an approval worked before the request's own event can build the change.
    /// GitLab's payload has no approval id, so one is derived from the request, the user, the commit and the request's
    /// <c>updated_at</c>: a redelivery, or the <c>approval</c> and <c>approved</c> GitLab sends for the same last
    /// approval, are one review, while approving again after an unapproval is another. An unapproval withdraws the
    /// user's latest approval of the request.
    /// </summary>
    private static ParsedDelivery Review(PayloadFields fields, ForgeRepository repository, int number, ReviewVerdict verdict)
    {
        var reviewer = fields.Object("user") ? User(fields) : null;
        var sha = fields.At("object_attributes.last_commit.id") is null ? null : fields.Sha("object_attributes.last_commit.id");
        if (reviewer is null || fields.Problem is not null)
        {
            return Invalid;
        }

        var what = verdict == ReviewVerdict.Approved ? "approval" : "withdrawal of an approval";
        var body = sha is null
            ? $"GitLab {what}; the payload named no commit, so it is bound to the merge request's head when Countersign worked it"
            : $"GitLab {what} of {sha[..12]}, the merge request's last commit as the payload gave it (GitLab approvals name no commit)";
        var updated = fields.Text("object_attributes.updated_at", 64) is { Length: > 0 } at ? $"@{at}" : "";
        var reviewId = $"approval:{number}:{reviewer.Login}:{sha ?? "head"}{updated}";
        var whole = sha is not null && fields.At("object_attributes.source_branch") is not null && fields.At("object_attributes.target_branch") is not null;
        var request = whole ? RequestOf(fields, number, "update") : null;
        if (fields.Problem is not null)
        {
            return Invalid;
        }

        return new ForgeEvent.Reviewed(ForgeKind.GitLab, repository, number, reviewer, verdict, sha, reviewId, body) { Request = request };
    }

    /// <summary>A push to a branch; a tag's push is ignored. The default branch is the project's <c>default_branch</c>.</summary>
    private static ParsedDelivery Push(PayloadFields fields)
    {
        var reference = fields.Name("ref");
        if (reference is null)
        {
            return Invalid;
        }

        if (!reference.StartsWith("refs/heads/", StringComparison.Ordinal) || reference.Length == "refs/heads/".Length)
        {
            return Ignored($"{PushHook} to {UntrustedText.ForTerminal(reference, 80)}: not a branch");
        }

        var repository = Project(fields);
        var before = fields.Sha("before");
        var after = fields.Sha("after");
        if (repository is null || before is null || after is null)
        {
            return Invalid;
        }

        var branch = reference["refs/heads/".Length..];
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var commit in fields.Items("commits").Where(c => c.ValueKind == JsonValueKind.Object))
        {
            foreach (var list in (string[])["added", "modified", "removed"])
            {
                if (commit.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var path in items.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!))
                    {
                        if (paths.Count < MaxPaths && path.Length is > 0 and < 4096 && seen.Add(path))
                        {
                            paths.Add(path);
                        }
                    }
                }
            }
        }

        return new ForgeEvent.Pushed(ForgeKind.GitLab, repository, branch, before, after, branch == repository.DefaultBranch, paths);
    }

    /// <summary>The payload's <c>project</c> (for a merge request, its target project): id, path, clone URL, default branch.</summary>
    private static ForgeRepository? Project(PayloadFields fields)
    {
        if (!fields.Object("project"))
        {
            return null;
        }

        var id = fields.Id("project.id");
        var path = fields.Name("project.path_with_namespace");
        // Deliveries since 2016 carry git_http_url; the older http_url says the same.
        var clone = fields.Text("project.git_http_url") ?? fields.Text("project.http_url");
        if (clone is null or "")
        {
            fields.Note("project.git_http_url", "missing");
        }

        var defaultBranch = fields.Text("project.default_branch") is { Length: > 0 } named ? named : null;
        return id is null || path is null || fields.Problem is not null ? null : new ForgeRepository(path, clone!, id.Value, null, defaultBranch);
    }

    /// <summary>The <c>user</c> who acted: username always, id when the payload has one (2017's deliveries have none: 0).</summary>
    private static ForgeUser? User(PayloadFields fields)
    {
        var login = fields.Name("user.username");
        var id = fields.Number("user.id") ?? 0;
        return login is null || fields.Problem is not null ? null : new ForgeUser(login, id, IsBot(login));
    }

    /// <summary>GitLab's project and group access tokens act as bot users named <c>project_ID_bot…</c> / <c>group_ID_bot…</c>.</summary>
    private static bool IsBot(string login) =>
        (login.StartsWith("project_", StringComparison.Ordinal) || login.StartsWith("group_", StringComparison.Ordinal)) && login.Contains("_bot", StringComparison.Ordinal);

    /// <summary>Label titles: today's objects (<c>{"title": …}</c>) or older plain strings, top-level or under <c>object_attributes</c>.</summary>
    private static IReadOnlyList<string> Labels(PayloadFields fields)
    {
        var items = fields.At("labels") is not null ? fields.Items("labels") : fields.Items("object_attributes.labels");
        return items
            .Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()
                : l.ValueKind == JsonValueKind.Object && l.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString()
                : null)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => UntrustedText.Bound(t!, 255))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxLabels)
            .ToList();
    }

    /// <summary>Stands for "a field was wrong"; <see cref="Parse"/> replaces it with the field's problem.</summary>
    private static readonly ParsedDelivery Invalid = new DeliveryOutcome.Rejected("invalid payload");

    private static ParsedDelivery Ignored(string why) => new DeliveryOutcome.Ignored(why);

    private static ParsedDelivery Rejected(string why) => new DeliveryOutcome.Rejected($"GitLab payload: {why}");
}
