using Countersign.Server.Auth;
using Countersign.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Api;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (the database answers at the expected schema), <c>whoami</c>.</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (ServerDatabase database, CancellationToken cancellation) =>
        {
            try
            {
                var version = await database.ReadAsync(Migrations.VersionAsync, cancellation);
                return version >= Migrations.Latest
                    ? Results.Ok(new { status = "ready", database = database.Kind.ToString(), schema = version })
                    : Results.Json(new { status = "migrating", database = database.Kind.ToString(), schema = version }, statusCode: 503);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return Results.Json(new { status = "database unavailable", database = database.Kind.ToString() }, statusCode: 503);
            }
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/v1/whoami", (HttpContext context) => Results.Ok(new
        {
            token = context.User.FindFirst(Scopes.TokenClaim)?.Value,
            scope = context.User.FindFirst(Scopes.ScopeClaim)?.Value,
            person = context.User.FindFirst(Scopes.PersonClaim)?.Value,
        })).RequireAuthorization(Scopes.Policies.Read).WithSummary("The calling token: its id, scope and person").WithTags("Meta");
    }
}
