using Countersign.Server.Auth;
using Countersign.Contracts;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>Changes, their decisions and sign-offs, attestations, the queue and deploy decisions.</summary>
internal static class ChangeEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Changes");

        api.MapPost("/changes", async (HttpContext context, ChangeService changes) =>
            Results.Ok(await changes.RegisterAsync(await Http.BodyAsync<ChangeRegistration>(context), Http.Actor(context.User), context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Register)
            .Accepts<ChangeRegistration>("application/json").Produces<ChangeView>().ProducesProblem(400).ProducesProblem(422)
            .WithSummary("Register a change, or a new revision of it, and evaluate it")
            .WithDescription("CI sends the change's facts (built from the repository), the policy read from the target branch and the .mailmap. "
                + "The server resolves every participant against its own directory, compiles the policy against it and evaluates with its sign-offs.");

        api.MapGet("/changes", async (ChangeService changes, [FromQuery] string? status, [FromQuery] string? repository, [FromQuery] int? offset, [FromQuery] int? limit, CancellationToken cancellation) =>
        {
            var (o, l) = Http.Paging(offset, limit);
            return Results.Ok(await changes.ListAsync(new QueueFilter(Statuses(status), repository, null, null, o, l), cancellation));
        }).RequireAuthorization(Scopes.Policies.Read).Produces<Page<QueueEntry>>().WithSummary("List changes by status, riskiest and oldest first");

        api.MapGet("/changes/lookup", async (ChangeService changes, [FromQuery] string repository, [FromQuery] string key, CancellationToken cancellation) =>
            Results.Ok(await changes.FindAsync(repository, key, cancellation)))
            .RequireAuthorization(Scopes.Policies.Read).Produces<ChangeView>().ProducesProblem(404).WithSummary("Find a change by repository and key");

        api.MapGet("/changes/{id:long}", async (ChangeService changes, long id, CancellationToken cancellation) =>
            Results.Ok(await changes.GetAsync(id, withResult: true, cancellation)))
            .RequireAuthorization(Scopes.Policies.Read).Produces<ChangeView>().ProducesProblem(404).WithSummary("A change with a fresh evaluation and its result tree");

        api.MapGet("/changes/{id:long}/decision", async (ChangeService changes, long id, CancellationToken cancellation) =>
            Results.Ok(await changes.DecisionAsync(id, cancellation)))
            .RequireAuthorization(Scopes.Policies.Read).Produces<DecisionView>().ProducesProblem(404).WithSummary("Just the verdict: what CI and deploy systems poll");

        api.MapGet("/changes/{id:long}/revisions", async (ServerDatabase database, long id, CancellationToken cancellation) =>
        {
            var rows = (await database.ReadAsync(c => c.QueryAsync<RevisionRow>(
                "SELECT change_id, number, head_sha, base_sha, patch_id, created_at FROM revisions WHERE change_id = @id ORDER BY number", new { id }), cancellation)).ToList();
            return rows.Count == 0
                ? throw ApiProblemException.NotFound($"no change with id {id}")
                : Results.Ok(rows.Select(r => new { r.Number, r.HeadSha, r.BaseSha, r.PatchId, CreatedAt = Db.ParseTime(r.CreatedAt) }));
        }).RequireAuthorization(Scopes.Policies.Read).ProducesProblem(404).WithSummary("The change's revisions, oldest first, each with its patch identity");

        api.MapPost("/changes/{id:long}/signoffs", async (HttpContext context, ChangeService changes, long id) =>
        {
            var person = context.User.FindFirst(Scopes.PersonClaim)!.Value;
            var response = await changes.SignOffAsync(id, await Http.BodyAsync<SignOffRequest>(context), person, Http.Actor(context.User), context.RequestAborted);
            return Results.Created($"/api/v1/signoffs/{response.SignOff.Id}/attestation", response);
        }).RequireAuthorization(Scopes.Policies.SignOff)
            .Accepts<SignOffRequest>("application/json").Produces<SignOffResponse>(201).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Approve, reject or break the glass as the token's person")
            .WithDescription("Checked on the server: the policy must count the sign-off (the author, co-authors, the prompter of an agent and bots never count). "
                + "patchId must be the change's current content. A refused sign-off stores nothing.");

        api.MapGet("/signoffs/{id}/attestation", async (ChangeService changes, string id, CancellationToken cancellation) =>
            Results.Ok(await changes.AttestationAsync(id, cancellation)))
            .RequireAuthorization(Scopes.Policies.Read).ProducesProblem(404).WithSummary("The sign-off's DSSE envelope (in-toto Statement)");

        api.MapGet("/attestations/key", (AttestationSigner signer) => Results.Ok(signer.Published))
            .AllowAnonymous().Produces<AttestationKey>().WithSummary("The public key attestations are signed with");

        api.MapGet("/queue", async (HttpContext context, ChangeService changes, ServerDatabase database, ServerEvaluator evaluator,
            [FromQuery] string? person, [FromQuery] string? team, [FromQuery] bool? everyone, [FromQuery] int? offset, [FromQuery] int? limit) =>
        {
            var (o, l) = Http.Paging(offset, limit);
            IReadOnlyList<string>? members = null;
            if (team is not null)
            {
                var directory = await database.ReadAsync(c => evaluator.OrgAsync(c), context.RequestAborted);
                if (directory.Org.FindTeam(team) is null)
                {
                    throw ApiProblemException.NotFound($"no team '{ChangeService.Bound(team, 100)}' in the directory");
                }

                var teams = directory.Org.TeamAndDescendants(team).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
                members = directory.Org.People.Where(p => p.Teams.Any(teams.Contains)).Select(p => p.Id).ToList();
            }

            var self = context.User.FindFirst(Scopes.PersonClaim)?.Value;
            var who = everyone == true || members is not null ? person : person ?? self;
            var filter = new QueueFilter(["pending", "rejected", "frozen"], null, who, members, o, l);
            return Results.Ok(await changes.ListAsync(filter, context.RequestAborted));
        }).RequireAuthorization(Scopes.Policies.Queue).Produces<Page<QueueEntry>>()
            .WithSummary("Changes waiting for a person (default: the token's), a team (and its sub-teams), or everyone");

        api.MapPost("/deploys", async (HttpContext context, ChangeService changes) =>
            Results.Ok(await changes.DeployAsync(await Http.BodyAsync<DeployRequest>(context), Http.Actor(context.User), context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Register).Accepts<DeployRequest>("application/json").Produces<DeployDecisionView>().ProducesProblem(400)
            .WithSummary("Decide a deploy: every shipped change must be signed off and no freeze may hold it");

        api.MapGet("/deploys", async (ServerDatabase database, [FromQuery] int? offset, [FromQuery] int? limit, CancellationToken cancellation) =>
        {
            var (o, l) = Http.Paging(offset, limit);
            var rows = await database.ReadAsync(c => c.QueryAsync<DeployRow>(
                "SELECT id, repository, service, environment, from_sha, to_sha, allowed, summary, at FROM deploy_decisions ORDER BY id DESC LIMIT @l OFFSET @o", new { l, o }), cancellation);
            return Results.Ok(rows.Select(r => new { r.Id, r.Repository, r.Service, r.Environment, From = r.FromSha, To = r.ToSha, Allowed = r.Allowed != 0, At = Db.ParseTime(r.At), Changes = System.Text.Json.Nodes.JsonNode.Parse(r.Summary) }));
        }).RequireAuthorization(Scopes.Policies.Read).WithTags("Changes").WithSummary("Recent deploy decisions, newest first");
    }

    private static IReadOnlyList<string> Statuses(string? status) =>
        status is null ? [] : status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is var list
            && list.All(s => s is "pending" or "rejected" or "frozen" or "satisfied")
            ? list
            : throw ApiProblemException.Invalid("status", "a comma-separated list of pending, rejected, frozen, satisfied");

    private sealed class DeployRow
    {
        public long Id { get; set; }

        public string Repository { get; set; } = "";

        public string Service { get; set; } = "";

        public string Environment { get; set; } = "";

        public string? FromSha { get; set; }

        public string ToSha { get; set; } = "";

        public long Allowed { get; set; }

        public string Summary { get; set; } = "[]";

        public string At { get; set; } = "";
    }
}
