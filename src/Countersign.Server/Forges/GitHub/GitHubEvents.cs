using System.Text.Json;
using Countersign.Core.Text;

namespace Countersign.Server.Forges.GitHub;

/// <summary>
/// Turns a GitHub webhook delivery (its <c>X-GitHub-Event</c> and body) into a <see cref="ForgeEvent"/>: installation
/// and installation_repositories, pull_request (opened, synchronize, reopened, edited, labeled, unlabeled,
/// ready_for_review, closed), pull_request_review (submitted, dismissed), push, check_suite (requested, rerequested),
/// check_run (rerequested), merge_group (checks_requested). Everything else is ignored; a body that lacks a field
/// Countersign reads, or has it in the wrong type, is rejected naming the field's path. Fields it does not read are
/// tolerated.
/// </summary>
public static class GitHubEvents
{
    private static readonly HashSet<string> RequestActions = new(StringComparer.Ordinal)
    {
        "opened", "synchronize", "reopened", "edited", "labeled", "unlabeled", "ready_for_review",
    };

    /// <summary>The events Countersign acts on (<c>X-GitHub-Event</c>); the intake does not store others.</summary>
    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal)
    {
        "installation", "installation_repositories", "pull_request", "pull_request_review", "push", "check_suite", "check_run", "merge_group",
    };

    /// <summary>The event the delivery means, or why there is none.</summary>
    /// <param name="eventName">The <c>X-GitHub-Event</c> header.</param>
    /// <param name="body">The raw body.</param>
    public static ParsedDelivery Parse(string eventName, string body)
    {
        if (!Events.Contains(eventName))
        {
            return new DeliveryOutcome.Ignored($"GitHub event '{UntrustedText.Bound(eventName, 60)}' is not acted on");
        }

        var (reader, why) = PayloadReader.Parse(body);
        if (reader is null)
        {
            return new DeliveryOutcome.Rejected(why!);
        }

        var action = reader.Optional("action") ?? "";
        ParsedDelivery parsed = eventName switch
        {
            "pull_request" when action == "closed" => new ForgeEvent.RequestClosed(ForgeKind.GitHub, Repository(reader), reader.Int("pull_request.number"), reader.Bool("pull_request.merged", missing: false)),
            "pull_request" when RequestActions.Contains(action) => new ForgeEvent.RequestChanged(ForgeKind.GitHub, Repository(reader), Request(reader, "pull_request"), action),
            "pull_request_review" when action is "submitted" or "dismissed" => Review(reader, action),
            "push" => Push(reader),
            "check_suite" when action is "requested" or "rerequested" => new ForgeEvent.Rerequested(ForgeKind.GitHub, Repository(reader), reader.Sha("check_suite.head_sha")),
            "check_run" when action == "rerequested" => new ForgeEvent.Rerequested(ForgeKind.GitHub, Repository(reader), reader.Sha("check_run.head_sha")),
            "merge_group" when action == "checks_requested" => new ForgeEvent.MergeGroup(ForgeKind.GitHub, Repository(reader),
                reader.Sha("merge_group.head_sha"), reader.String("merge_group.head_ref"), reader.Sha("merge_group.base_sha"), reader.String("merge_group.base_ref"), action),
            "installation" when action is "created" or "deleted" or "unsuspend" or "suspend" => Installation(reader, action),
            "installation_repositories" when action is "added" or "removed" => Installation(reader, action),
            _ => new DeliveryOutcome.Ignored($"GitHub {eventName} '{UntrustedText.Bound(action, 60)}' is not acted on"),
        };
        return reader.Problem is { } problem ? new DeliveryOutcome.Rejected($"GitHub {eventName}: {problem}") : parsed;
    }

    private static ParsedDelivery Review(PayloadReader reader, string action)
    {
        var state = reader.String("review.state").ToLowerInvariant();
        var verdict = action == "dismissed" || state == "dismissed" ? ReviewVerdict.Withdrawn
            : state switch
            {
                "approved" => ReviewVerdict.Approved,
                "changes_requested" => ReviewVerdict.ChangesRequested,
                _ => ReviewVerdict.Commented,
            };
        var commit = reader.Optional("review.commit_id");
        return new ForgeEvent.Reviewed(
            ForgeKind.GitHub, Repository(reader), reader.Int("pull_request.number"), User(reader, "review.user"), verdict,
            commit is not null && PayloadReader.IsSha(commit) ? commit : null,
            reader.Long("review.id").ToString(System.Globalization.CultureInfo.InvariantCulture),
            reader.Optional("review.body"))
        {
            Request = Request(reader, "pull_request"),
        };
    }

    private static ParsedDelivery Push(PayloadReader reader)
    {
        var reference = reader.String("ref");
        var before = reader.Sha("before");
        var after = reader.Sha("after");
        var repository = Repository(reader);
        if (!reference.StartsWith("refs/heads/", StringComparison.Ordinal) || reader.Bool("deleted", missing: false))
        {
            return new DeliveryOutcome.Ignored($"push to {UntrustedText.Bound(reference, 100)}: not a branch that still exists");
        }

        var branch = reference["refs/heads/".Length..];
        var paths = reader.Objects("commits", required: false)
            .SelectMany(c => new[] { "added", "removed", "modified" }.SelectMany(k => reader.Find(k, c) is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!)
                : []))
            .Distinct(StringComparer.Ordinal).Take(3000).ToList();
        return new ForgeEvent.Pushed(ForgeKind.GitHub, repository, branch, before, after, repository.DefaultBranch == branch, paths);
    }

    /// <summary>
    /// An installation's repositories. Its payloads list repositories by name only: the clone URL is made from the
    /// account's web address (GitHub or GitHub Enterprise) and the full name.
    /// </summary>
    private static ParsedDelivery Installation(PayloadReader reader, string action)
    {
        var installation = reader.Long("installation.id");
        var site = reader.Optional("installation.account.html_url") is { } html && Uri.TryCreate(html, UriKind.Absolute, out var account)
            ? $"{account.Scheme}://{account.Authority}"
            : "https://github.com";
        IReadOnlyList<ForgeRepository> Listed(string path) => reader.Objects(path, required: false)
            .Select(r => new ForgeRepository(reader.String("full_name", r, path), $"{site}/{reader.String("full_name", r, path)}.git", reader.Long("id", r, path), installation, null))
            .ToList();
        var (added, removed) = action switch
        {
            "created" or "unsuspend" => (Listed("repositories"), []),
            "deleted" or "suspend" => ([], Listed("repositories")),
            "added" => (Listed("repositories_added"), Listed("repositories_removed")),
            _ => (Listed("repositories_added"), Listed("repositories_removed")),
        };
        var owner = reader.Optional("installation.account.login") ?? "";
        return new ForgeEvent.Installed(ForgeKind.GitHub, new ForgeRepository(owner, site, 0, installation, null), added, removed, action);
    }

    private static ForgeRepository Repository(PayloadReader reader) => new(
        reader.String("repository.full_name"),
        reader.String("repository.clone_url"),
        reader.Long("repository.id"),
        reader.OptionalLong("installation.id"),
        reader.Optional("repository.default_branch"));

    private static ForgeRequest Request(PayloadReader reader, string at)
    {
        var pull = reader.Find(at);
        if (pull is null)
        {
            _ = reader.String(at);
            return new ForgeRequest(0, "", null, "", "", "", null, [], new ForgeUser("", 0, false), false);
        }

        var labels = reader.Objects("labels", pull, at, required: false).Select(l => reader.String("name", l, $"{at}.labels")).ToList();
        return new ForgeRequest(
            reader.Int("number", pull, at),
            reader.String("title", pull, at),
            reader.Optional("body", pull, at),
            reader.Sha("head.sha", pull, at),
            reader.String("head.ref", pull, at),
            reader.String("base.ref", pull, at),
            reader.Optional("base.sha", pull, at),
            labels,
            User(reader, "user", pull, at),
            reader.Bool("draft", pull, at, missing: false));
    }

    private static ForgeUser User(PayloadReader reader, string path, JsonElement? from = null, string? prefix = null)
    {
        var login = reader.String($"{path}.login", from, prefix);
        var type = reader.Optional($"{path}.type", from, prefix);
        return new ForgeUser(login, reader.Long($"{path}.id", from, prefix), type == "Bot" || login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase));
    }
}
