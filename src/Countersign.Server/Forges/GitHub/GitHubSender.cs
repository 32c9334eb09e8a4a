using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Countersign.Server.Forges.GitHub;

/// <summary>
/// Sends the GitHub outbox messages <see cref="GitHubPublisher"/> writes: a check run, review requests, the one comment.
/// Every call goes through <see cref="GitHubApi"/> (installation token, GitHub's headers, the answer classified for the
/// outbox's retries).
/// </summary>
/// <remarks>
/// Check runs: the first verdict on a head creates the run; later verdicts on that head update it in place
/// (<c>PATCH</c>) when this process created it, and create a new one otherwise (after a restart, or on another replica)
/// — GitHub shows the latest run of a name for a head, so either way the pull request shows the newest verdict, and
/// nothing has to be stored to get it right. The comment is found by its hidden marker, written by a bot account,
/// among the pull request's comments (its id then remembered), and edited in place; created when there is none.
/// </remarks>
public sealed class GitHubSender(GitHubApi api, TimeProvider time) : IOutboxSender
{
    /// <summary>The most comments read looking for Countersign's own (100 a page).</summary>
    public const int CommentPages = 10;

    private readonly ConcurrentDictionary<string, long> checkRuns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> comments = new(StringComparer.Ordinal);

    public ForgeKind Target => ForgeKind.GitHub;

    public Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellation)
    {
        var payload = item.Payload;
        if (Text(payload, "repository") is not { } repository || !repository.Contains('/', StringComparison.Ordinal) || Number(payload, "installation") is not { } installation)
        {
            return Task.FromResult<SendResult>(new SendResult.Failed($"{item.Kind} message {item.Id}: no repository or installation in its payload"));
        }

        return item.Kind switch
        {
            GitHubPublisher.CheckRunKind => CheckRunAsync(installation, repository, payload, cancellation),
            GitHubPublisher.ReviewRequestKind => ReviewRequestAsync(installation, repository, payload, cancellation),
            GitHubPublisher.CommentKind => CommentAsync(installation, repository, payload, cancellation),
            _ => Task.FromResult<SendResult>(new SendResult.Failed($"unknown GitHub message kind '{Countersign.Core.Text.UntrustedText.ForTerminal(item.Kind, 40)}'")),
        };
    }

    private async Task<SendResult> CheckRunAsync(long installation, string repository, JsonObject payload, CancellationToken cancellation)
    {
        var head = Text(payload, "head_sha") ?? "";
        var body = new JsonObject
        {
            ["name"] = GitHubPublisher.CheckName,
            ["head_sha"] = head,
            ["status"] = "completed",
            ["conclusion"] = Text(payload, "conclusion"),
            ["completed_at"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["output"] = new JsonObject { ["title"] = Text(payload, "title"), ["summary"] = Text(payload, "summary") },
        };
        if (Text(payload, "details_url") is { } details)
        {
            body["details_url"] = details;
        }

        var key = $"{repository}:{head}";
        if (checkRuns.TryGetValue(key, out var id))
        {
            body.Remove("head_sha");
            var updated = await api.CallAsync(installation, HttpMethod.Patch, $"repos/{repository}/check-runs/{id.ToString(CultureInfo.InvariantCulture)}", body, cancellation);
            if (updated is not SendResult.Failed)
            {
                return updated;
            }

            // Deleted, or not ours any more: a new run says the same.
            checkRuns.TryRemove(key, out _);
            body["head_sha"] = head;
        }

        var created = await api.CallAsync(installation, HttpMethod.Post, $"repos/{repository}/check-runs", body, cancellation);
        if (created is SendResult.Sent { Response: JsonObject run } && Number(run, "id") is { } runId)
        {
            checkRuns[key] = runId;
        }

        return created;
    }

    private async Task<SendResult> ReviewRequestAsync(long installation, string repository, JsonObject payload, CancellationToken cancellation)
    {
        var number = Number(payload, "number") ?? 0;
        var count = (int)(Number(payload, "count") ?? 0);
        var suggested = (payload["reviewers"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();
        var pull = $"repos/{repository}/pulls/{number.ToString(CultureInfo.InvariantCulture)}";
        var requestedAnswer = await api.CallAsync(installation, HttpMethod.Get, $"{pull}/requested_reviewers", null, cancellation);
        if (requestedAnswer is not SendResult.Sent { Response: JsonObject requested })
        {
            return requestedAnswer is SendResult.Sent ? new SendResult.Failed($"GET {pull}/requested_reviewers: not the JSON object GitHub sends") : requestedAnswer;
        }

        var reviewsAnswer = await api.CallAsync(installation, HttpMethod.Get, $"{pull}/reviews?per_page=100", null, cancellation);
        if (reviewsAnswer is not SendResult.Sent { Response: JsonArray reviews })
        {
            return reviewsAnswer is SendResult.Sent ? new SendResult.Failed($"GET {pull}/reviews: not the JSON array GitHub sends") : reviewsAnswer;
        }

        var asked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        asked.UnionWith((requested["users"] as JsonArray ?? []).Select(u => u?["login"]?.GetValue<string>()).OfType<string>());
        asked.UnionWith(reviews.Select(r => r?["user"]?["login"]?.GetValue<string>()).OfType<string>());

        // Up to N of the suggested people asked in all: a later verdict does not ask N more.
        var already = suggested.Count(asked.Contains);
        var ask = suggested.Where(l => !asked.Contains(l)).Take(Math.Max(0, count - already)).ToList();
        if (ask.Count == 0)
        {
            return new SendResult.Sent($"no review to request: {already} of the suggested reviewers already asked or reviewed");
        }

        return await api.CallAsync(installation, HttpMethod.Post, $"{pull}/requested_reviewers",
            new JsonObject { ["reviewers"] = new JsonArray([.. ask.Select(l => (JsonNode)JsonValue.Create(l))]) }, cancellation);
    }

    private async Task<SendResult> CommentAsync(long installation, string repository, JsonObject payload, CancellationToken cancellation)
    {
        var number = Number(payload, "number") ?? 0;
        var key = $"{repository}#{number.ToString(CultureInfo.InvariantCulture)}";
        var body = new JsonObject { ["body"] = Text(payload, "body") ?? VerdictMarkdown.CommentMarker };
        if (!comments.TryGetValue(key, out var id))
        {
            var found = await FindCommentAsync(installation, repository, number, cancellation);
            if (found.Result is { } failed)
            {
                return failed;
            }

            id = found.Id ?? 0;
        }

        if (id != 0)
        {
            var edited = await api.CallAsync(installation, HttpMethod.Patch, $"repos/{repository}/issues/comments/{id.ToString(CultureInfo.InvariantCulture)}", body, cancellation);
            if (edited is not SendResult.Failed)
            {
                comments[key] = id;
                return edited;
            }

            comments.TryRemove(key, out _); // deleted by someone: write it again
        }

        var created = await api.CallAsync(installation, HttpMethod.Post, $"repos/{repository}/issues/{number.ToString(CultureInfo.InvariantCulture)}/comments", body, cancellation);
        if (created is SendResult.Sent { Response: JsonObject comment } && Number(comment, "id") is { } commentId)
        {
            comments[key] = commentId;
        }

        return created;
    }

    /// <summary>Countersign's comment on the pull request: the first written by a bot account that starts with the marker.</summary>
    private async Task<(long? Id, SendResult? Result)> FindCommentAsync(long installation, string repository, long number, CancellationToken cancellation)
    {
        for (var page = 1; page <= CommentPages; page++)
        {
            var answer = await api.CallAsync(installation, HttpMethod.Get,
                $"repos/{repository}/issues/{number.ToString(CultureInfo.InvariantCulture)}/comments?per_page=100&page={page.ToString(CultureInfo.InvariantCulture)}", null, cancellation);
            if (answer is not SendResult.Sent { Response: JsonArray list })
            {
                return (null, answer is SendResult.Sent ? new SendResult.Failed("listing the pull request's comments: not the JSON array GitHub sends") : answer);
            }

            foreach (var comment in list.OfType<JsonObject>())
            {
                if (Text(comment, "body") is { } text && text.StartsWith(VerdictMarkdown.CommentMarker, StringComparison.Ordinal)
                    && comment["user"]?["type"]?.GetValue<string>() == "Bot" && Number(comment, "id") is { } id)
                {
                    return (id, null);
                }
            }

            if (list.Count < 100)
            {
                break;
            }
        }

        return (null, null);
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Number(JsonObject json, string name) =>
        json[name] is JsonValue value && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
}
