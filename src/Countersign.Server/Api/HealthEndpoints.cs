using Countersign.Server.Auth;
using Countersign.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Countersign.Server.Api;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (the database answers at the expected schema), <c>whoami</c>.</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok\n")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/v1/whoami", (HttpContext context) => TypedResults.Ok(new Caller(
            context.User.FindFirst(Scopes.TokenClaim)?.Value,
            context.User.FindFirst(Scopes.ScopeClaim)?.Value,
            context.User.FindFirst(Scopes.PersonClaim)?.Value)))
            .RequireAuthorization(Scopes.Policies.Read).WithSummary("The calling token: its id, scope and person").WithTags("Meta");
    }

    /// <summary>Ready when the database answers at the latest schema; 503 while it migrates or cannot be reached (real unavailability).</summary>
    private static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(ServerDatabase database, CancellationToken cancellation)
    {
        var kind = database.Kind.ToString();
        try
        {
            var version = await database.ReadAsync(Migrations.VersionAsync, cancellation);
            return version >= Migrations.Latest
                ? TypedResults.Ok(new Readiness("ready", kind, version))
                : TypedResults.Json(new Readiness("migrating", kind, version), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return TypedResults.Json(new Readiness("database unavailable", kind), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
