using Countersign.Contracts;
using Countersign.Server.Auth;
using Countersign.Server.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Countersign.Server.Api;

/// <summary>The repositories the server mirrors and builds changes of itself.</summary>
internal static class RepositoryEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Repositories");

        api.MapPost("/repositories", async Task<Results<Created<RepositoryView>, Ok<RepositoryView>, BadRequestProblem>> (HttpContext context, RepositoryService repositories) =>
        {
            var outcome = await (await Http.BodyAsync<RepositoryRegistration>(context))
                .ThenAsync(registration => repositories.RegisterAsync(registration, Http.Actor(context.User), context.RequestAborted));
            if (!outcome.Succeeded(out var registered, out var problem))
            {
                return Problems.Bad(context, problem);
            }

            return registered.Created ? TypedResults.Created($"/api/v1/repositories/{registered.View.Name}", registered.View) : TypedResults.Ok(registered.View);
        }).RequireAuthorization(Scopes.Policies.Admin)
            .Accepts<RepositoryRegistration>("application/json").Produces<RepositoryView>(201).Produces<RepositoryView>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Register a repository whose changes the server builds itself from a mirror")
            .WithDescription("The credential is a reference (env:NAME or file:/absolute/path), never the secret. From then on, changes of this repository "
                + "are registered with {repository, key, base, head} and no facts; facts sent by a client are refused.");

        api.MapGet("/repositories", async (RepositoryService repositories, CancellationToken cancellation) =>
            TypedResults.Ok(await repositories.ListAsync(cancellation)))
            .RequireAuthorization(Scopes.Policies.Read).Produces<IReadOnlyList<RepositoryView>>()
            .WithSummary("Registered repositories with their last fetch and their mirror's size on disk");

        api.MapGet("/repositories/{**name}", async (HttpContext context, RepositoryService repositories, string name) =>
            Problems.Read(context, await repositories.FindAsync(name, context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Read).Produces<RepositoryView>().ProducesProblem(404)
            .WithSummary("One registered repository (404: its changes are built by CI)");
    }
}
