using Countersign.Core.Text;
using Countersign.Contracts;
using Countersign.Server.Auth;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Countersign.Server.Api;

/// <summary><c>/api/v1/tokens</c>: list, create (the secret is in that answer only) and revoke API tokens; admin scope.</summary>
internal static class TokenEndpoints
{
    public static void Map(WebApplication app)
    {
        var tokens = app.MapGroup("/api/v1/tokens").WithTags("Tokens").RequireAuthorization(Scopes.Policies.Admin);
        tokens.MapGet("", ListAsync).WithSummary("List tokens (never their secrets)");
        tokens.MapPost("", CreateAsync).Accepts<TokenRequest>("application/json").ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Create a token; its secret is in this response only");
        tokens.MapDelete("/{id}", RevokeAsync).ProducesProblem(404).WithSummary("Revoke a token");
    }

    private static async Task<Ok<IReadOnlyList<TokenView>>> ListAsync(TokenStore store, CancellationToken cancellation) =>
        TypedResults.Ok(await store.ListAsync(cancellation));

    private static async Task<Results<Created<CreatedToken>, BadRequestProblem>> CreateAsync(HttpContext context, TokenIssuer issuer)
    {
        var outcome = await (await Http.BodyAsync<TokenRequest>(context)).ThenAsync(request => issuer.IssueAsync(request, Http.Actor(context.User), context.RequestAborted));
        return outcome.Succeeded(out var created, out var problem)
            ? TypedResults.Created($"/api/v1/tokens/{created.Token.Id}", created)
            : Problems.Bad(context, problem);
    }

    private static async Task<Results<NoContent, NotFoundProblem>> RevokeAsync(HttpContext context, TokenStore store, string id) =>
        await store.RevokeAsync(id, Http.Actor(context.User), context.RequestAborted)
            ? TypedResults.NoContent()
            : new NotFoundProblem(Problems.Details(context, new Problem.NotFound($"no active token with id {UntrustedText.Bound(id, 50)}")));
}
