using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Server.Api;
using Countersign.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Countersign.Server.Scim;

/// <summary>
/// SCIM 2.0 under <c>/scim/v2</c> (Users, Groups and the discovery documents), for an identity provider with an
/// admin-scope token. Bodies are application/scim+json (application/json is accepted too); every error under
/// <c>/scim</c> — including 401, 403 and 404 — is a SCIM error document, not ProblemDetails.
/// </summary>
internal static class ScimEndpoints
{
    public const string ContentType = "application/scim+json";
    private const string Prefix = "/scim";
    private const int DefaultCount = 100;

    /// <summary>Minimal escaping: the documents are JSON for machines, never embedded in HTML.</summary>
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(WebApplication app)
    {
        UseScimStatusPages(app);
        var scim = app.MapGroup("/scim/v2").WithTags("SCIM").RequireAuthorization(Scopes.Policies.Admin).AddEndpointFilter(RenderErrorsAsync);

        scim.MapGet("/ServiceProviderConfig", (HttpContext context) => Json(ScimSchemas.ServiceProviderConfig(BaseUrl(context))))
            .WithSummary("SCIM: what this service provider supports");
        scim.MapGet("/ResourceTypes", (HttpContext context, ScimLevel level) =>
        {
            var types = ScimSchemas.ResourceTypes(BaseUrl(context), level.Schema);
            return Json(ScimSchemas.List(types, types.Count, 1));
        }).WithSummary("SCIM: the resource types (User, Group)");
        scim.MapGet("/ResourceTypes/{id}", (HttpContext context, ScimLevel level, string id) =>
            ScimSchemas.ResourceTypes(BaseUrl(context), level.Schema).FirstOrDefault(t => string.Equals((string?)t["id"], id, StringComparison.OrdinalIgnoreCase)) is { } type
                ? Json(type)
                : Error(StatusCodes.Status404NotFound, null, $"no resource type {ScimFilter.Bound(id)}"))
            .WithSummary("SCIM: one resource type");
        scim.MapGet("/Schemas", (HttpContext context, ScimLevel level) =>
        {
            var schemas = ScimSchemas.Schemas(BaseUrl(context), level.Schema, level.Name);
            return Json(ScimSchemas.List(schemas, schemas.Count, 1));
        }).WithSummary("SCIM: the schemas of the attributes this server reads and returns");
        scim.MapGet("/Schemas/{id}", (HttpContext context, ScimLevel level, string id) =>
            ScimSchemas.Schemas(BaseUrl(context), level.Schema, level.Name).FirstOrDefault(s => string.Equals((string?)s["id"], id, StringComparison.OrdinalIgnoreCase)) is { } schema
                ? Json(schema)
                : Error(StatusCodes.Status404NotFound, null, $"no schema {ScimFilter.Bound(id)}"))
            .WithSummary("SCIM: one schema");

        var users = scim.MapGroup("/Users");
        users.MapGet("", async (HttpContext context, ScimUsers service) =>
        {
            var (startIndex, count) = Paging(context.Request);
            var filter = Filter(context.Request, ScimUsers.FilterAttributes);
            return Json(Project(await service.ListAsync(filter, startIndex, count, BaseUrl(context), context.RequestAborted), context.Request, list: true));
        }).WithSummary("SCIM: list users (startIndex, count; filter on userName, externalId, id, emails, displayName, active with eq)");
        users.MapPost("", async (HttpContext context, ScimUsers service) =>
            Answer(await service.CreateAsync(await ScimJson.BodyAsync(context), Http.Actor(context.User), BaseUrl(context), context.RequestAborted)))
            .WithSummary("SCIM: provision a user as a person (linked by e-mail to an existing person, if any)");
        users.MapGet("/{id}", async (HttpContext context, ScimUsers service, string id) =>
            Answer(await service.GetAsync(id, BaseUrl(context), context.RequestAborted), context.Request))
            .WithSummary("SCIM: one user");
        users.MapPut("/{id}", async (HttpContext context, ScimUsers service, string id) =>
            Answer(await service.ReplaceAsync(id, await ScimJson.BodyAsync(context), Http.Actor(context.User), BaseUrl(context), context.RequestAborted)))
            .WithSummary("SCIM: replace a user");
        users.MapPatch("/{id}", async (HttpContext context, ScimUsers service, string id) =>
            Answer(await service.PatchAsync(id, await ScimJson.BodyAsync(context), Http.Actor(context.User), BaseUrl(context), context.RequestAborted)))
            .WithSummary("SCIM: change a user (PatchOp: add, replace, remove; active:false deprovisions)");
        users.MapDelete("/{id}", async (HttpContext context, ScimUsers service, string id) =>
            Answer(await service.DeleteAsync(id, Http.Actor(context.User), context.RequestAborted)))
            .WithSummary("SCIM: delete a user (the person is deactivated and unlinked)");

        var groups = scim.MapGroup("/Groups");
        groups.MapGet("", async (HttpContext context, ScimGroups service) =>
        {
            var (startIndex, count) = Paging(context.Request);
            var filter = Filter(context.Request, ScimGroups.FilterAttributes);
            var list = await service.ListAsync(filter, startIndex, count, WantsMembers(context.Request), BaseUrl(context), context.RequestAborted);
            return Json(Project(list, context.Request, list: true));
        }).WithSummary("SCIM: list groups (startIndex, count; filter on displayName, externalId, id, members with eq)");
        groups.MapPost("", async (HttpContext context, ScimGroups service) =>
            Answer(await service.CreateAsync(await ScimJson.BodyAsync(context), Http.Actor(context.User), BaseUrl(context), context.RequestAborted)))
            .WithSummary("SCIM: provision a group as a team");
        groups.MapGet("/{id}", async (HttpContext context, ScimGroups service, string id) =>
            Answer(await service.GetAsync(id, WantsMembers(context.Request), BaseUrl(context), context.RequestAborted), context.Request))
            .WithSummary("SCIM: one group");
        groups.MapPut("/{id}", async (HttpContext context, ScimGroups service, string id) =>
            Answer(await service.ReplaceAsync(id, await ScimJson.BodyAsync(context), Http.Actor(context.User), BaseUrl(context), context.RequestAborted)))
            .WithSummary("SCIM: replace a group (members omitted: unchanged)");
        groups.MapPatch("/{id}", async (HttpContext context, ScimGroups service, string id) =>
            Answer(await service.PatchAsync(id, await ScimJson.BodyAsync(context), Http.Actor(context.User), BaseUrl(context), context.RequestAborted)))
            .WithSummary($"SCIM: change a group (PatchOp; at most {ScimUsers.MaxPatchValues} member values per request)");
        groups.MapDelete("/{id}", async (HttpContext context, ScimGroups service, string id) =>
            Answer(await service.DeleteAsync(id, Http.Actor(context.User), context.RequestAborted)))
            .WithSummary("SCIM: delete a group (the team, and everyone's membership of it)");
    }

    /// <summary>
    /// An operation's outcome as a SCIM response: the resource (projected by <c>attributes</c> when <paramref name="projectFor"/>
    /// is the request; with a Location when created), 204 for a delete, or the SCIM error document.
    /// </summary>
    private static IResult Answer(ScimOutcome outcome, HttpRequest? projectFor = null) => outcome switch
    {
        { Failed: true } => Error(outcome.Status, outcome.ScimType, outcome.Detail!),
        { Resource: null } => Results.NoContent(),
        _ => Json(projectFor is null ? outcome.Resource! : Project(outcome.Resource!, projectFor, list: false), outcome.Status,
            outcome.Status == StatusCodes.Status201Created ? Location(outcome.Resource!) : null),
    };

    /// <summary>
    /// Errors raised by the SCIM handlers become SCIM error documents. Database failures are 503 (nothing was
    /// changed; retry), anything else a 500 without internals; both are logged.
    /// </summary>
    private static async ValueTask<object?> RenderErrorsAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        try
        {
            return await next(invocation);
        }
        catch (ScimException e)
        {
            return Error(e.Status, e.ScimType, e.Detail);
        }
        catch (BadHttpRequestException e)
        {
            return Error(e.StatusCode, null, ProblemMiddleware.Unreadable(e.StatusCode).Detail);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ScimEndpoints));
            if (Data.DatabaseFailure.Classify(e) is { } failure)
            {
                logger.LogError(e, "Database failure on {Method} {Path}", context.Request.Method, context.Request.Path);
                return Error(failure.Status, null, failure.Detail);
            }

            logger.LogError(e, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            return Error(StatusCodes.Status500InternalServerError, null, "the server failed on this request; nothing was changed. The failure is in the server's log.");
        }
    }

    /// <summary>
    /// Bodiless error statuses under <c>/scim</c> (401 and 403 from authorisation, 404 and 405 from routing) get a
    /// SCIM error document; other paths keep the ProblemDetails the status-code pages write.
    /// </summary>
    private static void UseScimStatusPages(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StatusCodePagesOptions>>().Value;
        var fallback = options.HandleAsync;
        options.HandleAsync = status => status.HttpContext.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase)
            ? WriteStatusAsync(status.HttpContext)
            : fallback(status);
    }

    private static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status401Unauthorized => "authentication required: send an admin-scope API token as Authorization: Bearer cst_…",
            StatusCodes.Status403Forbidden => "SCIM provisioning needs a token with the admin scope",
            StatusCodes.Status404NotFound => $"no SCIM endpoint at {context.Request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not supported on {context.Request.Path}",
            _ => $"the request failed with status {status}",
        };
        return Error(status, null, detail).ExecuteAsync(context);
    }

    /// <summary>Writes a SCIM error document (for failures raised before a SCIM endpoint runs).</summary>
    internal static Task WriteErrorAsync(HttpContext context, int status, string? scimType, string detail) =>
        Error(status, scimType, detail).ExecuteAsync(context);

    private static ScimResult Json(JsonObject body, int status = StatusCodes.Status200OK, string? location = null) => new(status, body, location);

    private static ScimResult Error(int status, string? scimType, string detail) => new(status, ScimSchemas.ErrorDocument(status, scimType, detail), null);

    private static string? Location(JsonObject resource) => (string?)(resource["meta"] as JsonObject)?["location"];

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/scim/v2";

    /// <summary>startIndex (1-based; less than 1 is 1) and count (0 to <see cref="ScimSchemas.MaxResults"/>; more is cut).</summary>
    private static (int StartIndex, int Count) Paging(HttpRequest request)
    {
        var startIndex = Integer(request, "startIndex") ?? 1;
        var count = Integer(request, "count") ?? DefaultCount;
        return (Math.Max(1, startIndex), Math.Clamp(count, 0, ScimSchemas.MaxResults));
    }

    private static int? Integer(HttpRequest request, string name)
    {
        if (request.Query[name].FirstOrDefault() is not { Length: > 0 } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (int)Math.Clamp(value, int.MinValue, int.MaxValue)
            : throw ScimException.Invalid($"{name}: must be an integer");
    }

    private static ScimFilter? Filter(HttpRequest request, IReadOnlyCollection<string> allowed) =>
        request.Query["filter"].FirstOrDefault() is { } text && !string.IsNullOrWhiteSpace(text) ? ScimFilter.Parse(text, allowed) : null;

    private static bool WantsMembers(HttpRequest request) =>
        !Names(request, "excludedAttributes").Contains("members", StringComparer.OrdinalIgnoreCase)
        && (Names(request, "attributes") is not { Count: > 0 } wanted || wanted.Any(a => a.StartsWith("members", StringComparison.OrdinalIgnoreCase)));

    private static List<string> Names(HttpRequest request, string parameter) =>
        [.. request.Query[parameter].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(ScimFilter.NormaliseAttribute)];

    /// <summary>
    /// Applies <c>attributes</c> / <c>excludedAttributes</c> (RFC 7644 §3.4.2.5) to top-level attributes and those of
    /// extension schemas; <c>id</c>, <c>schemas</c> and <c>meta</c> are always returned.
    /// </summary>
    private static JsonObject Project(JsonObject document, HttpRequest request, bool list)
    {
        var include = Names(request, "attributes");
        var exclude = Names(request, "excludedAttributes");
        if (include.Count == 0 && exclude.Count == 0)
        {
            return document;
        }

        foreach (var resource in list ? (document["Resources"] as JsonArray ?? []).OfType<JsonObject>() : [document])
        {
            foreach (var (key, value) in resource.ToList())
            {
                if (key is "id" or "schemas" or "meta")
                {
                    continue;
                }

                if (value is JsonObject extension && key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var (inner, _) in extension.ToList())
                    {
                        if (!Keep($"{key}:{inner}"))
                        {
                            extension.Remove(inner);
                        }
                    }

                    if (extension.Count == 0)
                    {
                        resource.Remove(key);
                    }
                }
                else if (!Keep(key))
                {
                    resource.Remove(key);
                }
            }
        }

        return document;

        bool Keep(string attribute) =>
            !exclude.Any(e => Covers(e, attribute))
            && (include.Count == 0 || include.Any(i => Covers(i, attribute) || Covers(attribute, i)));

        static bool Covers(string path, string attribute) =>
            string.Equals(path, attribute, StringComparison.OrdinalIgnoreCase)
            || attribute.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase)
            || attribute.StartsWith(path + ".", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A SCIM response: the status, <c>application/scim+json</c>, and a Location for created resources.</summary>
    private sealed class ScimResult(int status, JsonObject body, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            await httpContext.Response.WriteAsync(body.ToJsonString(Output), httpContext.RequestAborted);
        }
    }
}
