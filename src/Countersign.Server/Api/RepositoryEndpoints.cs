using Countersign.Contracts;
using Countersign.Server.Auth;
using Countersign.Server.Evaluation;
using Countersign.Server.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Countersign.Server.Api;

/// <summary>The repositories the server mirrors and builds changes of itself.</summary>
internal static class RepositoryEndpoints
{
    /// <summary>The media type of a git bundle.</summary>
    public const string BundleMediaType = "application/x-git-bundle";

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

        api.MapPost("/repositories/{**path}", async (HttpContext context, IncomingBundles bundles, string path) =>
        {
            const string suffix = "/bundles";
            Outcome<BundleReceipt> outcome = !path.EndsWith(suffix, StringComparison.Ordinal)
                ? new Problem.NotFound("POST a bundle to /api/v1/repositories/{name}/bundles")
                : context.Request.ContentType is not { } type || !type.StartsWith(BundleMediaType, StringComparison.OrdinalIgnoreCase)
                    ? new Problem.UnsupportedMediaType($"send the bundle as {BundleMediaType}")
                    : await bundles.ReceiveAsync(path[..^suffix.Length], context.Request.Body, context.RequestAborted);
            return Problems.Receive(context, outcome);
        }).RequireAuthorization(Scopes.Policies.Register) // no Accepts(): it would answer 415 before authorising; the body is application/x-git-bundle
            .Produces<BundleReceipt>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(507)
            .WithSummary("Send a push's objects before they are accepted: POST /api/v1/repositories/{name}/bundles")
            .WithDescription("A pre-receive hook's push is quarantined until the hook accepts it, so the server cannot fetch it. The hook sends the pushed "
                + "commits as a git bundle (objects, not facts); git checks it against the mirror (fetched first when a prerequisite is missing) and the "
                + "objects land under refs/countersign/incoming/ in the mirror. Then ask for the change as usual (POST /api/v1/changes with base and head).");

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
