using Countersign.Contracts;
using Countersign.Server.Auth;
using Countersign.Server.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Api;

/// <summary>The repositories the server mirrors and builds changes of itself.</summary>
internal static class RepositoryEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Repositories");

        api.MapPost("/repositories", async (HttpContext context, RepositoryService repositories) =>
        {
            var (view, created) = await repositories.RegisterAsync(await Http.BodyAsync<RepositoryRegistration>(context), Http.Actor(context.User), context.RequestAborted);
            return created ? Results.Created($"/api/v1/repositories/{view.Name}", view) : Results.Ok(view);
        }).RequireAuthorization(Scopes.Policies.Admin)
            .Accepts<RepositoryRegistration>("application/json").Produces<RepositoryView>(201).Produces<RepositoryView>().ProducesProblem(400)
            .WithSummary("Register a repository whose changes the server builds itself from a mirror")
            .WithDescription("The credential is a reference (env:NAME or file:/absolute/path), never the secret. From then on, changes of this repository "
                + "are registered with {repository, key, base, head} and no facts; facts sent by a client are refused.");

        api.MapGet("/repositories", async (RepositoryService repositories, CancellationToken cancellation) =>
            Results.Ok(await repositories.ListAsync(cancellation)))
            .RequireAuthorization(Scopes.Policies.Read).Produces<IReadOnlyList<RepositoryView>>()
            .WithSummary("Registered repositories with their last fetch and their mirror's size on disk");

        api.MapGet("/repositories/{**name}", async (RepositoryService repositories, string name, CancellationToken cancellation) =>
            Results.Ok(await repositories.FindAsync(name, cancellation)))
            .RequireAuthorization(Scopes.Policies.Read).Produces<RepositoryView>().ProducesProblem(404)
            .WithSummary("One registered repository (404: its changes are built by CI)");
    }
}
