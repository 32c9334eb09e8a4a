using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.Text;

namespace Countersign.Server.Forges.GitLab;

/// <summary>
/// Sends GitLab's outbox messages with the access token (<c>PRIVATE-TOKEN</c>): commit statuses, and answers to the
/// external status check (its id configured, or looked up by the name <c>countersign</c> once per project). GitLab's
/// answer is classified by <see cref="SendResult.Of"/>: 429 (after <c>Retry-After</c>, or <c>RateLimit-Reset</c>),
/// 5xx and network failures are retried by the outbox worker; other 4xx are parked with GitLab's message.
/// </summary>
internal sealed class GitLabOutboxSender : IOutboxSender, IDisposable
{
    /// <summary>How long a project's external status check (or its absence) is remembered.</summary>
    private static readonly TimeSpan CheckLookupLifetime = TimeSpan.FromMinutes(10);

    private readonly GitLabOptions options;
    private readonly TimeProvider time;
    private readonly HttpClient http;
    private readonly ConcurrentDictionary<long, (long? Id, DateTimeOffset Until)> checks = new();

    public GitLabOutboxSender(GitLabOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
        {
            BaseAddress = options.ApiBase,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Countersign/0.1");
    }

    public ForgeKind Target => ForgeKind.GitLab;

    public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellation)
    {
        if (options.Token is not { Length: > 0 })
        {
            return new SendResult.Failed($"no GitLab access token: set ${GitLabOptions.TokenVariable} (a token with the api scope)");
        }

        try
        {
            return item.Kind switch
            {
                GitLabVerdictPublisher.CommitStatus => await CommitStatusAsync(item.Payload, cancellation),
                GitLabVerdictPublisher.ExternalStatusCheck => await ExternalStatusCheckAsync(item.Payload, cancellation),
                _ => new SendResult.Failed($"not a GitLab message: {UntrustedText.ForTerminal(item.Kind, 60)}"),
            };
        }
        catch (HttpRequestException e)
        {
            return new SendResult.Retry($"GitLab at {options.Url} unreachable: {UntrustedText.ForTerminal(e.Message, 200)}");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new SendResult.Retry($"GitLab at {options.Url} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            return new SendResult.Failed($"the outbox message is not one this server writes: {UntrustedText.ForTerminal(e.Message, 200)}");
        }
    }

    /// <summary>
    /// <c>POST /projects/:id/statuses/:sha</c>. GitLab refuses to set a status to the state it already has (400
    /// "Cannot transition status via :enqueue from :pending"), which would leave a pending status saying why it was
    /// pending before: such a status is replaced — cancelled, then posted anew — so its description is the verdict now.
    /// </summary>
    private async Task<SendResult> CommitStatusAsync(JsonObject payload, CancellationToken cancellation)
    {
        var project = Number(payload, "project_id");
        var sha = Text(payload, "sha");
        var body = new JsonObject
        {
            ["state"] = Text(payload, "state"),
            ["name"] = Text(payload, "name"),
            ["description"] = Text(payload, "description"),
        };
        if (payload["target_url"] is JsonValue url)
        {
            body["target_url"] = url.GetValue<string>();
        }

        var path = $"projects/{project}/statuses/{Uri.EscapeDataString(sha)}";
        var (response, text) = await PostAsync(path, body, cancellation);
        using (response)
        {
            if (!(response.StatusCode == HttpStatusCode.BadRequest && text.Contains("Cannot transition status via", StringComparison.Ordinal) && Text(payload, "state") == "pending"))
            {
                return Result(response, text);
            }
        }

        var cancel = new JsonObject { ["state"] = "canceled", ["name"] = Text(payload, "name"), ["description"] = "superseded by Countersign's newer verdict" };
        var (cancelled, cancelText) = await PostAsync(path, cancel, cancellation);
        using (cancelled)
        {
            if (!cancelled.IsSuccessStatusCode)
            {
                return Result(cancelled, cancelText);
            }
        }

        var (again, againText) = await PostAsync(path, body, cancellation);
        using (again)
        {
            var result = Result(again, againText);
            return result is SendResult.Sent sent ? sent with { Detail = sent.Detail + " (the pending status replaced)" } : result;
        }
    }

    /// <summary><c>POST /projects/:id/merge_requests/:iid/status_check_responses</c>, when the project has the check.</summary>
    private async Task<SendResult> ExternalStatusCheckAsync(JsonObject payload, CancellationToken cancellation)
    {
        var project = Number(payload, "project_id");
        long? checkId = options.ExternalStatusCheckId;
        if (checkId is null)
        {
            var (found, failure) = await LookUpCheckAsync(project, cancellation);
            if (failure is not null)
            {
                return failure;
            }

            if (found is null)
            {
                return new SendResult.Sent($"project {project} has no external status check named {GitLabOptions.StatusName} (or its tier has none): only the commit status is set");
            }

            checkId = found;
        }

        var body = new JsonObject
        {
            ["sha"] = Text(payload, "sha"),
            ["external_status_check_id"] = checkId,
            ["status"] = Text(payload, "status"),
        };
        var (response, text) = await PostAsync($"projects/{project}/merge_requests/{Number(payload, "merge_request_iid")}/status_check_responses", body, cancellation);
        using (response)
        {
            return Result(response, text);
        }
    }

    /// <summary>The id of the project's external status check named <c>countersign</c>: null when none (or 403/404: a tier without them); a failure to retry or park otherwise.</summary>
    private async Task<(long? Id, SendResult? Failure)> LookUpCheckAsync(long project, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        if (checks.TryGetValue(project, out var known) && known.Until > now)
        {
            return (known.Id, null);
        }

        using var request = Request(HttpMethod.Get, $"projects/{project}/external_status_checks?per_page=100");
        using var response = await http.SendAsync(request, cancellation);
        var text = await BodyAsync(response, cancellation);
        long? id = null;
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && response.Headers.RetryAfter is null)
        {
            id = null;
        }
        else if (!response.IsSuccessStatusCode)
        {
            return (null, Result(response, text));
        }
        else if (JsonNode.Parse(text) is JsonArray list)
        {
            id = list.OfType<JsonObject>()
                .Where(c => c["name"] is JsonValue name && name.TryGetValue<string>(out var named) && string.Equals(named, GitLabOptions.StatusName, StringComparison.OrdinalIgnoreCase))
                .Select(c => c["id"] is JsonValue value && value.TryGetValue<long>(out var number) ? number : (long?)null)
                .FirstOrDefault(n => n is not null);
        }

        checks[project] = (id, now + CheckLookupLifetime);
        return (id, null);
    }

    private async Task<(HttpResponseMessage Response, string Text)> PostAsync(string path, JsonObject body, CancellationToken cancellation)
    {
        using var request = Request(HttpMethod.Post, path);
        request.Content = JsonContent.Create(body);
        var response = await http.SendAsync(request, cancellation);
        return (response, await BodyAsync(response, cancellation));
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("PRIVATE-TOKEN", options.Token);
        return request;
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response, CancellationToken cancellation) =>
        UntrustedText.Bound(await response.Content.ReadAsStringAsync(cancellation), 4000);

    /// <summary><see cref="SendResult.Of"/>, and GitLab's own rate-limit header: a 429 without <c>Retry-After</c> waits for <c>RateLimit-Reset</c> (Unix seconds).</summary>
    private SendResult Result(HttpResponseMessage response, string text)
    {
        var now = time.GetUtcNow();
        var result = SendResult.Of(response, text, now);
        if (result is SendResult.Retry { After: null } retry
            && response.Headers.TryGetValues("RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            return retry with { After = TimeSpan.FromSeconds(Math.Clamp(reset - now.ToUnixTimeSeconds(), 0, 3600)) };
        }

        return result;
    }

    private static string Text(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new InvalidOperationException($"{name} is missing");

    private static long Number(JsonObject payload, string name) =>
        payload[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : throw new InvalidOperationException($"{name} is missing");

    public void Dispose() => http.Dispose();
}
