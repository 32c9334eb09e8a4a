using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Catalog;
using Countersign.Server.Auth;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Countersign.Server.Api;

/// <summary><c>/api/v1/org</c> and <c>/api/v1/catalog</c>: the directory and the catalog, read by any token, replaced by an admin.</summary>
internal static class DirectoryEndpoints
{
    private const int MaxDocument = 8 * 1024 * 1024;

    public static void Map(WebApplication app)
    {
        var org = app.MapGroup("/api/v1/org").WithTags("Directory");
        org.MapGet("", OrgAsync).RequireAuthorization(Scopes.Policies.Read).WithSummary("The org directory: levels, teams, people, bots");
        org.MapPut("", ImportOrgAsync).RequireAuthorization(Scopes.Policies.Admin).ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithSummary("Replace the directory with an org.yaml document (the same format as .countersign/org.yaml)");

        var catalog = app.MapGroup("/api/v1/catalog").WithTags("Directory");
        catalog.MapGet("", CatalogAsync).RequireAuthorization(Scopes.Policies.Read).WithSummary("The catalog's components with tier and owner");
        catalog.MapPut("", ImportCatalogAsync).RequireAuthorization(Scopes.Policies.Admin).ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithSummary("Replace the catalog with Backstage catalog-info documents (multi-document YAML)");
    }

    private static async Task<Ok<OrgView>> OrgAsync(ServerDatabase database, ServerEvaluator evaluator, CancellationToken cancellation)
    {
        var (version, directory) = await database.ReadAsync(c => evaluator.OrgAsync(c), cancellation);
        return TypedResults.Ok(new OrgView(version, directory.Levels, directory.Teams, directory.People, directory.Bots));
    }

    private static async Task<Results<Ok<OrgImported>, BadRequestProblem, UnprocessableProblem>> ImportOrgAsync(HttpContext context, ServerDatabase database, TimeProvider time)
    {
        if (!(await Http.TextAsync(context, MaxDocument)).Succeeded(out var text, out var unreadable))
        {
            return Problems.Bad(context, unreadable);
        }

        var (diagnostics, directory) = await DirectoryImport.OrgAsync(database, time.GetUtcNow(), text, "org.yaml", Http.Actor(context.User), context.RequestAborted);
        return Refusal(diagnostics, "Invalid org directory") is { } problem
            ? new UnprocessableProblem(Problems.Details(context, problem))
            : TypedResults.Ok(new OrgImported(directory.People.Count, directory.Teams.Count, Warnings(diagnostics)));
    }

    private static async Task<Ok<CatalogView>> CatalogAsync(ServerDatabase database, CancellationToken cancellation)
    {
        var text = await database.ReadAsync(c => OrgStore.SettingAsync(c, null, "catalog"), cancellation);
        var parsed = CatalogReader.Read(text is null ? [] : [(text, "catalog.yaml")]);
        return TypedResults.Ok(new CatalogView(
            parsed.Catalog.Components.Select(c => new CatalogComponentView(c.Ref.ToString(), c.Name, c.Title, c.Type, c.Tier, c.Owner?.ToString(), c.System?.ToString())).ToList(),
            parsed.Catalog.Groups.Count,
            parsed.Catalog.RelationCount));
    }

    private static async Task<Results<Ok<CatalogImported>, BadRequestProblem, UnprocessableProblem>> ImportCatalogAsync(HttpContext context, ServerDatabase database, TimeProvider time)
    {
        if (!(await Http.TextAsync(context, MaxDocument)).Succeeded(out var text, out var unreadable))
        {
            return Problems.Bad(context, unreadable);
        }

        var (diagnostics, parsed) = await DirectoryImport.CatalogAsync(database, time.GetUtcNow(), text, "catalog.yaml", Http.Actor(context.User), context.RequestAborted);
        return Refusal(diagnostics, "Invalid catalog") is { } problem
            ? new UnprocessableProblem(Problems.Details(context, problem))
            : TypedResults.Ok(new CatalogImported(parsed.Components.Count, parsed.Entities.Count, Warnings(diagnostics)));
    }

    /// <summary>A 422 naming the first error and listing all of them, when the document has errors.</summary>
    private static Problem.Unprocessable? Refusal(IReadOnlyList<Diagnostic> diagnostics, string title)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return errors.Count == 0 ? null : new Problem.Unprocessable(title, errors[0], "errors", errors);
    }

    private static IReadOnlyList<string> Warnings(IReadOnlyList<Diagnostic> diagnostics) => diagnostics.Select(d => d.ToString()).ToList();
}
