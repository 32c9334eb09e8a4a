using System.Net;
using System.Text;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Api;

/// <summary>
/// Every endpoint the server maps × anonymous and every token scope: allowed callers get past authorisation (any
/// answer but 401/403), others get 401 (no credentials) or 403 (wrong scope). The expectations are written here, not
/// read from the server, and an endpoint without an expectation fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string Anonymous = "anonymous";

    private static readonly string[] Everyone = [Anonymous, "ci", "reviewer", "admin"];
    private static readonly string[] Tokens = ["ci", "reviewer", "admin"];
    private static readonly string[] Register = ["ci", "admin"];
    private static readonly string[] Reviewer = ["reviewer"];
    private static readonly string[] Queue = ["reviewer", "admin"];
    private static readonly string[] Admin = ["admin"];

    /// <summary>Webhooks: authenticated by the forge's signature or token, which no bearer token replaces (401 unsigned; 404 when not configured).</summary>
    private static readonly string[] SignedByForge = [];

    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Everyone,
        ["GET /readyz"] = Everyone,
        ["GET /metrics"] = Everyone,
        ["GET /api/v1/attestations/key"] = Everyone,
        ["GET /api/v1/whoami"] = Tokens,
        ["POST /api/v1/changes"] = Register,
        ["GET /api/v1/changes"] = Tokens,
        ["GET /api/v1/changes/lookup"] = Tokens,
        ["GET /api/v1/changes/{id:long}"] = Tokens,
        ["GET /api/v1/changes/{id:long}/decision"] = Tokens,
        ["GET /api/v1/changes/{id:long}/revisions"] = Tokens,
        ["POST /api/v1/changes/{id:long}/signoffs"] = Reviewer,
        ["GET /api/v1/signoffs/{id}/attestation"] = Tokens,
        ["GET /api/v1/queue"] = Queue,
        ["POST /api/v1/deploys"] = Register,
        ["GET /api/v1/deploys"] = Tokens,
        ["GET /api/v1/org"] = Tokens,
        ["PUT /api/v1/org"] = Admin,
        ["GET /api/v1/catalog"] = Tokens,
        ["PUT /api/v1/catalog"] = Admin,
        ["GET /api/v1/audit"] = Admin,
        ["GET /api/v1/audit/verify"] = Admin,
        ["GET /api/v1/tokens"] = Admin,
        ["POST /api/v1/tokens"] = Admin,
        ["DELETE /api/v1/tokens/{id}"] = Admin,
        ["POST /api/v1/repositories"] = Admin,
        ["GET /api/v1/repositories"] = Tokens,
        ["GET /api/v1/repositories/{**name}"] = Tokens,
        ["POST /api/v1/repositories/{**path}"] = Register,
        ["POST /api/v1/webhooks/github"] = SignedByForge,
        ["POST /api/v1/webhooks/gitlab"] = SignedByForge,
        ["GET /api/v1/webhooks/deliveries"] = Admin,
        ["GET /api/v1/outbox"] = Admin,
        ["POST /api/v1/webhooks/deliveries/{id:long}/retry"] = Admin,
        ["POST /api/v1/outbox/{id:long}/retry"] = Admin,
    };

    [Fact]
    public async Task Every_endpoint_admits_exactly_the_scopes_it_should()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        // Redirects are what is checked here, so the clients must not follow them.
        await server.ImportOrgAsync(PolicyShop.Org);
        var clients = new Dictionary<string, HttpClient>
        {
            [Anonymous] = server.Client(null),
            ["ci"] = server.Client(await server.TokenAsync("ci")),
            ["reviewer"] = server.Client(await server.TokenAsync("reviewer", "erin")),
            ["admin"] = server.Client(),
        };

        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: "/" + e.RoutePattern.RawText!.Trim('/'))))
            .Distinct().ToList();
        Assert.True(endpoints.Count > 25, $"only {endpoints.Count} endpoints found");
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (method, route) in endpoints.Where(e => IsDashboard(e.Route)))
        {
            // Dashboard pages take a signed-in cookie only: no bearer token (any scope) gets past the login redirect.
            foreach (var (who, client) in clients)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(route)));
                var location = response.Headers.Location?.ToString() ?? "";
                var ok = route == "/ui/login"
                    ? method == "GET" ? response.StatusCode == HttpStatusCode.OK : response.StatusCode == HttpStatusCode.BadRequest // no antiforgery token
                    : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/ui", StringComparison.Ordinal);
                checkedCount++;
                if (!ok)
                {
                    failures.Add($"{method} {route} as {who}: {(int)response.StatusCode} {location} (should not open without a dashboard session)");
                }
            }
        }

        foreach (var (method, route) in endpoints.Where(e => !IsDashboard(e.Route)))
        {
            var allowed = ExpectationFor(method, route);
            if (allowed is null)
            {
                failures.Add($"{method} {route}: no authorisation expectation written for this endpoint");
                continue;
            }

            foreach (var (who, client) in clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, route.StartsWith("/scim", StringComparison.Ordinal) ? "application/scim+json" : "application/json");
                }

                using var response = await client.SendAsync(request);
                var status = response.StatusCode;
                var ok = ReferenceEquals(allowed, SignedByForge)
                    ? status is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound
                    : allowed.Contains(who)
                    ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    : status == (who == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                checkedCount++;
                if (!ok)
                {
                    failures.Add($"{method} {route} as {who}: {(int)status} ({(ReferenceEquals(allowed, SignedByForge) ? "should need the forge's signature" : allowed.Contains(who) ? "should be allowed" : "should be denied")})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedCount >= endpoints.Count * 4);
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private static bool IsDashboard(string route) => route == "/" || route.StartsWith("/ui", StringComparison.Ordinal);

    private static string[]? ExpectationFor(string method, string route)
    {
        if (route.StartsWith("/openapi/", StringComparison.Ordinal) || route.StartsWith("/docs", StringComparison.Ordinal))
        {
            return Everyone;
        }

        if (route.StartsWith("/scim/v2", StringComparison.Ordinal))
        {
            return Admin;
        }

        return Expected.GetValueOrDefault($"{method} {route}");
    }

    private static string Concrete(string route) => route.TrimStart('/')
        .Replace("{id:long}", "999999", StringComparison.Ordinal)
        .Replace("{id:long}", "999999", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{documentName?}", "v1", StringComparison.Ordinal)
        .Replace("{id}", "no-such-id", StringComparison.Ordinal)
        .Replace("{*path}", "x", StringComparison.Ordinal)
        .Replace("{**name}", "acme/shop", StringComparison.Ordinal);
}
