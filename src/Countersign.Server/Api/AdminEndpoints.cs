using Countersign.Core.Audit;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Ownership.Catalog;
using Countersign.Server.Auth;
using Countersign.Contracts;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>Tokens, the org directory, the catalog and the audit log.</summary>
internal static class AdminEndpoints
{
    private const int MaxDocument = 8 * 1024 * 1024;

    public static void Map(WebApplication app)
    {
        var tokens = app.MapGroup("/api/v1/tokens").WithTags("Tokens").RequireAuthorization(Scopes.Policies.Admin);
        tokens.MapGet("", async (TokenStore store, CancellationToken cancellation) => Results.Ok(await store.ListAsync(cancellation)))
            .Produces<IReadOnlyList<TokenView>>().WithSummary("List tokens (never their secrets)");
        tokens.MapPost("", async (HttpContext context, TokenStore store, ServerDatabase database, ServerEvaluator evaluator) =>
        {
            var request = await Http.BodyAsync<TokenRequest>(context);
            Validation.Name("name", request.Name);
            if (!Scopes.All.Contains(request.Scope))
            {
                throw ApiProblemException.Invalid("scope", $"must be one of {string.Join(", ", Scopes.All)}");
            }

            if (request.ExpiresInDays is < 1 or > 366)
            {
                throw ApiProblemException.Invalid("expiresInDays", "must be between 1 and 366");
            }

            string? person = null;
            if (request.Scope == Scopes.Reviewer)
            {
                if (request.Person is null)
                {
                    throw ApiProblemException.Invalid("person", "a reviewer token acts as one person: name the person id");
                }

                var directory = await database.ReadAsync(c => evaluator.OrgAsync(c), context.RequestAborted);
                person = directory.Org.FindPerson(request.Person)?.Id
                    ?? throw ApiProblemException.Invalid("person", $"'{ChangeService.Bound(request.Person, 100)}' is not in the org directory{Spelling.DidYouMean(request.Person, directory.Org.People.Select(p => p.Id))}");
            }
            else if (request.Person is not null)
            {
                throw ApiProblemException.Invalid("person", "only reviewer tokens act as a person");
            }

            var created = await store.CreateAsync(request, Http.Actor(context.User), person, null, context.RequestAborted);
            return Results.Created($"/api/v1/tokens/{created.Token.Id}", created);
        }).Accepts<TokenRequest>("application/json").Produces<CreatedToken>(201).ProducesProblem(400)
            .WithSummary("Create a token; its secret is in this response only");
        tokens.MapDelete("/{id}", async (HttpContext context, TokenStore store, string id) =>
            await store.RevokeAsync(id, Http.Actor(context.User), context.RequestAborted) ? Results.NoContent() : throw ApiProblemException.NotFound($"no active token with id {ChangeService.Bound(id, 50)}"))
            .ProducesProblem(404).WithSummary("Revoke a token");

        var org = app.MapGroup("/api/v1/org").WithTags("Directory");
        org.MapGet("", async (ServerDatabase database, ServerEvaluator evaluator, CancellationToken cancellation) =>
        {
            var (version, directory) = await database.ReadAsync(c => evaluator.OrgAsync(c), cancellation);
            return Results.Ok(new { version, levels = directory.Levels, teams = directory.Teams, people = directory.People, bots = directory.Bots });
        }).RequireAuthorization(Scopes.Policies.Read).WithSummary("The org directory: levels, teams, people, bots");
        org.MapPut("", async (HttpContext context, ServerDatabase database, TimeProvider time) =>
        {
            var text = await Http.TextAsync(context, MaxDocument);
            var (diagnostics, directory) = await DirectoryImport.OrgAsync(database, time.GetUtcNow(), text, "org.yaml", Http.Actor(context.User), context.RequestAborted);
            Reject(diagnostics, "Invalid org directory");
            return Results.Ok(new { people = directory.People.Count, teams = directory.Teams.Count, warnings = diagnostics.Select(d => d.ToString()) });
        }).RequireAuthorization(Scopes.Policies.Admin).ProducesProblem(415).ProducesProblem(422)
            .WithSummary("Replace the directory with an org.yaml document (the same format as .countersign/org.yaml)");

        var catalog = app.MapGroup("/api/v1/catalog").WithTags("Directory");
        catalog.MapGet("", async (ServerDatabase database, CancellationToken cancellation) =>
        {
            var text = await database.ReadAsync(c => OrgStore.SettingAsync(c, null, "catalog"), cancellation);
            var parsed = CatalogReader.Read(text is null ? [] : [(text, "catalog.yaml")]);
            return Results.Ok(new
            {
                components = parsed.Catalog.Components.Select(c => new { @ref = c.Ref.ToString(), name = c.Name, title = c.Title, type = c.Type, tier = c.Tier, owner = c.Owner?.ToString(), system = c.System?.ToString() }),
                groups = parsed.Catalog.Groups.Count,
                relations = parsed.Catalog.RelationCount,
            });
        }).RequireAuthorization(Scopes.Policies.Read).WithSummary("The catalog's components with tier and owner");
        catalog.MapPut("", async (HttpContext context, ServerDatabase database, TimeProvider time) =>
        {
            var text = await Http.TextAsync(context, MaxDocument);
            var (diagnostics, parsed) = await DirectoryImport.CatalogAsync(database, time.GetUtcNow(), text, "catalog.yaml", Http.Actor(context.User), context.RequestAborted);
            Reject(diagnostics, "Invalid catalog");
            return Results.Ok(new { components = parsed.Components.Count, entities = parsed.Entities.Count, warnings = diagnostics.Select(d => d.ToString()) });
        }).RequireAuthorization(Scopes.Policies.Admin).ProducesProblem(415).ProducesProblem(422)
            .WithSummary("Replace the catalog with Backstage catalog-info documents (multi-document YAML)");

        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Scopes.Policies.Admin);
        audit.MapGet("", async (AuditStore store, [FromQuery] long? after, [FromQuery] int? limit, [FromQuery] string? kind, CancellationToken cancellation) =>
        {
            var (_, l) = Http.Paging(0, limit);
            return Results.Ok(await store.PageAsync(after ?? 0, l, kind, cancellation));
        }).Produces<Page<AuditEntry>>().WithSummary("Audit records after a sequence number, optionally of one kind (or kind prefix)");
        audit.MapGet("/verify", async (AuditStore store, [FromQuery] string? expectHead, CancellationToken cancellation) =>
            Results.Ok(await store.VerifyAsync(string.IsNullOrWhiteSpace(expectHead) ? null : expectHead.Trim(), cancellation)))
            .Produces<AuditVerification>()
            .WithSummary("Verify the chain, its head row and the state tables it vouches for; the same verification as `countersign audit verify`");
    }

    private static void Reject(IReadOnlyList<Diagnostic> diagnostics, string title)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        if (errors.Count > 0)
        {
            throw ApiProblemException.Unprocessable(title, errors[0], new Dictionary<string, object?> { ["errors"] = errors });
        }
    }
}
