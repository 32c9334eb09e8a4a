using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Countersign.Contracts;
using Countersign.Data;
using Countersign.Server.Auth;
using Countersign.Server.Forges;
using Countersign.Server.Forges.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Api;

/// <summary>
/// Webhook intake: <c>POST /api/v1/webhooks/github</c> and <c>/gitlab</c>. A delivery is authenticated (GitHub: the
/// HMAC of the raw body; GitLab: the token), checked (event and delivery id present, a JSON object), stored in the
/// durable queue through the group-commit <see cref="DeliveryIntake"/>, and only then answered 202; the work is done
/// from the queue. No bearer token: the signature is the authentication, and a bad one counts as a failed
/// authentication for the address. Nothing a sender sends is answered 5xx; an unreachable database (or a full intake)
/// is 503 with Retry-After, and nothing was stored.
/// </summary>
internal static class WebhookEndpoints
{
    private const int MaxHeader = 200;

    public static void Map(WebApplication app)
    {
        var hooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").AllowAnonymous();
        hooks.MapPost("/github", GitHubAsync)
            .Produces<WebhookReceipt>(202).Produces<WebhookReceipt>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(413).ProducesProblem(429).ProducesProblem(503)
            .WithSummary("A GitHub App's webhook delivery (signed with X-Hub-Signature-256)")
            .WithDescription("Verified against the webhook secret over the raw body, stored once per X-GitHub-Delivery (a redelivery changes nothing and gets the "
                + "same answer), then answered 202; the work is done from a durable queue. ping and events no handler acts on are answered 200 and not stored.");
        hooks.MapPost("/gitlab", GitLabAsync)
            .Produces<WebhookReceipt>(202).Produces<WebhookReceipt>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(413).ProducesProblem(429).ProducesProblem(503)
            .WithSummary("A GitLab project or group webhook delivery (authenticated by X-Gitlab-Token)")
            .WithDescription("The token is compared in constant time; the delivery is stored once per X-Gitlab-Event-UUID (else Idempotency-Key, else the "
                + "body's SHA-256), then answered 202; the work is done from a durable queue.");

        var queues = app.MapGroup("/api/v1").WithTags("Webhooks").RequireAuthorization(Scopes.Policies.Admin);
        queues.MapGet("/webhooks/deliveries", async (HttpContext context, WebhookDeliveryStore store, string? state, int? limit) =>
            QueueState(context, state, limit, WebhookDeliveryStore.States) is { } problem
                ? problem
                : TypedResults.Ok(await store.ListAsync(state ?? "parked", limit ?? 100, context.RequestAborted)))
            .WithSummary("Webhook deliveries in one state (default parked), newest first, without their bodies")
            .WithDescription("state: queued, working, done, ignored, rejected or parked; limit: 1 to 500 (default 100).");
        queues.MapGet("/outbox", async (HttpContext context, OutboxStore store, string? state, int? limit) =>
            QueueState(context, state, limit, OutboxStore.States) is { } problem
                ? problem
                : TypedResults.Ok(await store.ListAsync(state ?? "parked", limit ?? 100, context.RequestAborted)))
            .WithSummary("Outbox messages in one state (default parked), newest first, with the forge's last answer")
            .WithDescription("state: queued, working, sent, superseded, failed or parked; limit: 1 to 500 (default 100).");
        queues.MapPost("/webhooks/deliveries/{id:long}/retry", async (HttpContext context, WebhookDeliveryStore store, DeliverySignal signal, TimeProvider time, ILoggerFactory logs, long id) =>
            await RequeueAsync(context, store.RequeueAsync(id, time.GetUtcNow(), context.RequestAborted), signal.Signal, logs, "webhook delivery", id, "parked or rejected"))
            .WithSummary("Work a parked or rejected delivery again (attempts reset), once its cause is fixed");
        queues.MapPost("/outbox/{id:long}/retry", async (HttpContext context, OutboxStore store, OutboxSignal signal, TimeProvider time, ILoggerFactory logs, long id) =>
            await RequeueAsync(context, store.RequeueAsync(id, time.GetUtcNow(), context.RequestAborted), signal.Signal, logs, "outbox message", id, "parked or failed"))
            .WithSummary("Send a parked or failed outbox message again (attempts reset)");
    }

    private static async Task<IResult> RequeueAsync(HttpContext context, Task<bool> requeue, QueueSignal signal, ILoggerFactory logs, string what, long id, string states)
    {
        if (!await requeue)
        {
            return TypedResults.Problem($"no {what} {id} is {states}", context.Request.Path, StatusCodes.Status404NotFound, "Not found");
        }

        signal.Wake();
        var logger = logs.CreateLogger(typeof(WebhookEndpoints));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("{Actor} queued {What} {Id} again", Http.Actor(context.User), what, id);
        }
        return TypedResults.Ok(new WebhookReceipt("queued", id));
    }

    private static IResult? QueueState(HttpContext context, string? state, int? limit, IReadOnlySet<string> states)
    {
        if (state is not null && !states.Contains(state))
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid request",
                Detail = $"state: must be one of {string.Join(", ", states)}",
                Instance = context.Request.Path,
                Extensions = { ["field"] = "state" },
            });
        }

        return limit is < 1 or > Http.MaxPage
            ? TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid request",
                Detail = $"limit: must be between 1 and {Http.MaxPage}",
                Instance = context.Request.Path,
                Extensions = { ["field"] = "limit" },
            })
            : null;
    }

    private static async Task<IResult> GitHubAsync(HttpContext context, WebhookSecrets secrets, WebhookIntakeServices services)
    {
        const string source = "github";
        if (!secrets.GitHubConfigured)
        {
            return Refuse(context, services, source, "unconfigured", StatusCodes.Status404NotFound, "Not found", "GitHub webhooks are not configured on this server");
        }

        if (Throttled(context, services) is { } throttled)
        {
            return throttled;
        }

        var body = await ReadAsync(context);
        if (body is null)
        {
            return Refuse(context, services, source, "invalid", StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body is larger than {ServerHost.MaxRequestBodyBytes} bytes");
        }

        if (!secrets.GitHubSigned(body, context.Request.Headers["X-Hub-Signature-256"].FirstOrDefault()))
        {
            services.Limiter.Failed(context.Connection.RemoteIpAddress);
            return Refuse(context, services, source, "unauthorized", StatusCodes.Status401Unauthorized, "Unauthorized",
                "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body under this server's webhook secret; nothing was stored");
        }

        var eventName = Header(context, "X-GitHub-Event");
        var deliveryId = Header(context, "X-GitHub-Delivery");
        if (eventName is null || deliveryId is null)
        {
            return Invalid(context, services, source, eventName is null ? "X-GitHub-Event" : "X-GitHub-Delivery", $"the header is required (at most {MaxHeader} characters)");
        }

        return await AcceptAsync(context, services, ForgeKind.GitHub, eventName, deliveryId, body);
    }

    private static async Task<IResult> GitLabAsync(HttpContext context, WebhookSecrets secrets, WebhookIntakeServices services)
    {
        const string source = "gitlab";
        if (!secrets.GitLabConfigured)
        {
            return Refuse(context, services, source, "unconfigured", StatusCodes.Status404NotFound, "Not found", "GitLab webhooks are not configured on this server");
        }

        if (Throttled(context, services) is { } throttled)
        {
            return throttled;
        }

        if (!secrets.GitLabToken(context.Request.Headers["X-Gitlab-Token"].FirstOrDefault()))
        {
            services.Limiter.Failed(context.Connection.RemoteIpAddress);
            return Refuse(context, services, source, "unauthorized", StatusCodes.Status401Unauthorized, "Unauthorized",
                "X-Gitlab-Token is missing or is not this server's webhook token; nothing was stored");
        }

        var body = await ReadAsync(context);
        if (body is null)
        {
            return Refuse(context, services, source, "invalid", StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body is larger than {ServerHost.MaxRequestBodyBytes} bytes");
        }

        var eventName = Header(context, "X-Gitlab-Event");
        if (eventName is null)
        {
            return Invalid(context, services, source, "X-Gitlab-Event", $"the header is required (at most {MaxHeader} characters)");
        }

        var deliveryId = Header(context, "X-Gitlab-Event-UUID") ?? Header(context, "Idempotency-Key") ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        return await AcceptAsync(context, services, ForgeKind.GitLab, eventName, deliveryId, body);
    }

    /// <summary>Checks the body, then stores the delivery (or acknowledges it unstored when nothing acts on its event).</summary>
    private static async Task<IResult> AcceptAsync(HttpContext context, WebhookIntakeServices services, ForgeKind forge, string eventName, string deliveryId, byte[] body)
    {
        var source = QueueNames.Of(forge);
        if (JsonObjectProblem(body) is { } why)
        {
            return Invalid(context, services, source, "body", why);
        }

        if (forge == ForgeKind.GitHub && eventName == "ping")
        {
            services.Metrics.Received(source, "ignored");
            return TypedResults.Ok(new WebhookReceipt("pong", Detail: "GitHub's ping: the webhook reaches this server and its signature is right"));
        }

        if (services.Handlers.LastOrDefault(h => h.Source == forge) is { } handler && !handler.Handles(eventName))
        {
            services.Metrics.Received(source, "ignored");
            return TypedResults.Ok(new WebhookReceipt("ignored", Detail: $"nothing on this server acts on {source} '{Core.Text.UntrustedText.Bound(eventName, MaxHeader)}' deliveries; not stored"));
        }

        var stored = services.Intake.SubmitAsync(new IncomingDelivery(source, deliveryId, eventName, Encoding.UTF8.GetString(body)));
        if (stored is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return Refuse(context, services, source, "unavailable", StatusCodes.Status503ServiceUnavailable, "Intake full",
                "the server has more deliveries waiting to be stored than it holds in memory (or it is stopping); nothing was stored. Retry later.");
        }

        ReceivedDelivery received;
        try
        {
            received = await stored;
        }
        catch (Exception e) when (DatabaseFailure.Classify(e) is { Status: StatusCodes.Status503ServiceUnavailable })
        {
            context.Response.Headers.RetryAfter = "5";
            services.Metrics.Received(source, "unavailable");
            throw;
        }

        services.Metrics.Received(source, received.Duplicate ? "duplicate" : "accepted");
        return TypedResults.Json(new WebhookReceipt(received.State, received.Id, received.Duplicate), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The raw body, or null when it is larger than the server reads (a body Kestrel cuts off is a 413 through the error middleware).</summary>
    private static async Task<byte[]?> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > ServerHost.MaxRequestBodyBytes)
        {
            return null;
        }

        using var buffer = context.Request.ContentLength is { } length ? new MemoryStream((int)length) : new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.Length > ServerHost.MaxRequestBodyBytes ? null : buffer.ToArray();
    }

    /// <summary>Why <paramref name="body"/> is not one JSON object (malformed, not UTF-8, another value), or null when it is.</summary>
    private static string? JsonObjectProblem(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "the body must be a JSON object";
            }

            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
        }
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers[name].FirstOrDefault() is { Length: > 0 and <= MaxHeader } value ? value.Trim() : null;

    private static IResult? Throttled(HttpContext context, WebhookIntakeServices services)
    {
        if (services.Limiter.BlockedFor(context.Connection.RemoteIpAddress) is not { } wait)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many failed authentications",
            Detail = $"more than {services.Limiter.MaxFailures} failed authentications from this address within a minute; retry after {Math.Ceiling(wait.TotalSeconds)} s",
            Instance = context.Request.Path,
            Type = ProblemCodes.TypePrefix + ProblemCodes.AuthThrottled,
            Extensions = { ["code"] = ProblemCodes.AuthThrottled },
        });
    }

    private static IResult Invalid(HttpContext context, WebhookIntakeServices services, string source, string field, string why)
    {
        services.Metrics.Received(source, "invalid");
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = $"{field}: {why}; nothing was stored",
            Instance = context.Request.Path,
            Extensions = { ["field"] = field },
        });
    }

    private static IResult Refuse(HttpContext context, WebhookIntakeServices services, string source, string outcome, int status, string title, string detail)
    {
        services.Metrics.Received(source, outcome);
        return TypedResults.Problem(detail, context.Request.Path, status, title);
    }
}
