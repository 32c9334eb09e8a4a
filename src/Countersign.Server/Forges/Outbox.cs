using System.Net;
using System.Text.Json.Nodes;

namespace Countersign.Server.Forges;

/// <summary>
/// A call to a forge's API waiting in the durable outbox: what to do (<see cref="Kind"/>, e.g. <c>check-run</c>,
/// <c>commit-status</c>, <c>review-request</c>, <c>comment</c>) with what (<see cref="Payload"/>), sent by the forge's
/// <see cref="IOutboxSender"/>. A message supersedes every unsent one with the same <see cref="Slot"/> (the latest
/// verdict for a head is the only one worth sending after an outage).
/// </summary>
/// <remarks>
/// <c>Target</c>: The forge the call goes to.<br/>
/// <c>Kind</c>: What kind of call; the sender dispatches on it.<br/>
/// <c>Slot</c>: What it is about (e.g. <c>check-run:owner/repo:SHA</c>): newer messages replace unsent older ones.<br/>
/// <c>Payload</c>: Everything the sender needs, as JSON.<br/>
/// </remarks>
public sealed record OutboxMessage(ForgeKind Target, string Kind, string Slot, JsonObject Payload);

/// <summary>A message taken from the outbox to send.</summary>
/// <remarks>
/// <c>Id</c>: The outbox row id.<br/>
/// <c>Attempts</c>: How many times it has been taken, this time included.<br/>
/// </remarks>
public sealed record OutboxItem(long Id, ForgeKind Target, string Kind, string Slot, JsonObject Payload, int Attempts);

/// <summary>Puts messages in the durable outbox (committed before this returns).</summary>
public interface IOutbox
{
    Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellation);
}

/// <summary>Sends one forge's outbox messages; the outbox worker retries what it says to retry.</summary>
public interface IOutboxSender
{
    ForgeKind Target { get; }

    Task<SendResult> SendAsync(OutboxItem item, CancellationToken cancellation);
}

/// <summary>How sending an outbox message ended.</summary>
public abstract record SendResult(string Detail)
{
    /// <summary>Sent; <paramref name="Response"/> is kept (e.g. the check run id).</summary>
    public sealed record Sent(string Detail, JsonNode? Response = null) : SendResult(Detail);

    /// <summary>Worth trying again: a 5xx, a 429, a rate limit, a network error; after <paramref name="After"/> when the forge said.</summary>
    public sealed record Retry(string Detail, TimeSpan? After = null) : SendResult(Detail);

    /// <summary>Will never succeed as it is (a 4xx other than rate limits): parked with the reason.</summary>
    public sealed record Failed(string Detail) : SendResult(Detail);

    /// <summary>
    /// What a forge's answer means for the outbox: 2xx sent; 429, 5xx and GitHub's rate limits (a 403 with
    /// <c>Retry-After</c> or <c>X-RateLimit-Remaining: 0</c>) retried, after <c>Retry-After</c> or the limit's reset
    /// when given; any other 4xx failed.
    /// </summary>
    /// <remarks>
    /// <c>response</c>: The forge's answer.<br/>
    /// <c>body</c>: Its body as text (bounded by the caller), for the detail.<br/>
    /// <c>now</c>: The time now, to turn a reset time into a wait.<br/>
    /// </remarks>
    public static SendResult Of(HttpResponseMessage response, string body, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var what = $"{status} {response.ReasonPhrase}";
        if (response.IsSuccessStatusCode)
        {
            JsonNode? parsed = null;
            try
            {
                parsed = body.Length == 0 ? null : JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
            }

            return new Sent(what, parsed);
        }

        var retryAfter = RetryAfter(response, now);
        var rateLimited = response.StatusCode == HttpStatusCode.TooManyRequests
            || (response.StatusCode == HttpStatusCode.Forbidden && (retryAfter is not null || Header(response, "X-RateLimit-Remaining") == "0"));
        if (rateLimited || status >= 500)
        {
            return new Retry(rateLimited ? $"{what}: rate limited" : what, retryAfter ?? ResetWait(response, now));
        }

        return new Failed($"{what}: {Countersign.Core.Text.UntrustedText.Bound(body, 300)}");
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    private static TimeSpan? ResetWait(HttpResponseMessage response, DateTimeOffset now) =>
        Header(response, "X-RateLimit-Remaining") == "0" && long.TryParse(Header(response, "X-RateLimit-Reset"), out var reset)
            ? TimeSpan.FromSeconds(Math.Clamp(reset - now.ToUnixTimeSeconds(), 0, 3600))
            : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
