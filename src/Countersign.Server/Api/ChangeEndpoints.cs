using Countersign.Contracts;
using Countersign.Server.Auth;
using Countersign.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>
/// Changes, their decisions and sign-offs, attestations, the queue and deploy decisions. Each endpoint parses, calls
/// one service and maps its outcome to a typed result (<see cref="Problems"/>), so its signature lists every answer.
/// </summary>
internal static class ChangeEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Changes");

        api.MapPost("/changes", async (HttpContext context, Repositories.ChangeIntake intake) =>
            Problems.Decide(context, await (await Http.BodyAsync<Repositories.ChangeSubmission>(context))
                .ThenAsync(submission => intake.RegisterAsync(submission, Http.Actor(context.User), context.RequestAborted))))
            .RequireAuthorization(Scopes.Policies.Register).AddEndpointFilter(RepeatedRegistrationFilter.InvokeAsync)
            .Accepts<ChangeRegistration>("application/json").Produces<ChangeView>().ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .ProducesProblem(422).ProducesProblem(503).ProducesProblem(507)
            .WithSummary("Register a change, or a new revision of it, and evaluate it")
            .WithDescription("CI sends the change's facts (built from the repository), the policy read from the target branch and the .mailmap. "
                + "The server resolves every participant against its own directory, compiles the policy against it and evaluates with its sign-offs. "
                + "For a registered repository (see /api/v1/repositories) send {repository, key, base, head} without facts: the server builds the change from its mirror.");

        api.MapGet("/changes", async (HttpContext context, ChangeService changes, [FromQuery] string? status, [FromQuery] string? repository, [FromQuery] int? offset, [FromQuery] int? limit) =>
            Problems.List(context, await Http.Paging(offset, limit).ThenAsync(page => Statuses(status).ThenAsync(async statuses =>
                (Outcome<Page<QueueEntry>>)await changes.ListAsync(new QueueFilter(statuses, repository, null, null, page.Offset, page.Limit), context.RequestAborted)))))
            .RequireAuthorization(Scopes.Policies.Read).ProducesProblem(400).WithSummary("List changes by status, riskiest and oldest first");

        api.MapGet("/changes/lookup", async (HttpContext context, ChangeService changes, [FromQuery] string repository, [FromQuery] string key) =>
            Problems.Read(context, await changes.FindAsync(repository, key, context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Read).ProducesProblem(404).WithSummary("Find a change by repository and key");

        api.MapGet("/changes/{id:long}", async (HttpContext context, ChangeService changes, long id) =>
            Problems.Read(context, await changes.GetAsync(id, withResult: true, context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Read).ProducesProblem(404).WithSummary("A change with a fresh evaluation and its result tree");

        api.MapGet("/changes/{id:long}/decision", async (HttpContext context, ChangeService changes, long id) =>
            Problems.Read(context, await changes.DecisionAsync(id, context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Read).ProducesProblem(404).WithSummary("Just the verdict: what CI and deploy systems poll");

        api.MapGet("/changes/{id:long}/revisions", async (HttpContext context, ChangeService changes, long id) =>
            Problems.Read(context, await changes.RevisionsAsync(id, context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Read).ProducesProblem(404).WithSummary("The change's revisions, oldest first, each with its patch identity");

        api.MapPost("/changes/{id:long}/signoffs", async (HttpContext context, SignOffService signOffs, long id) =>
        {
            var person = context.User.FindFirst(Scopes.PersonClaim)!.Value;
            var outcome = await (await Http.BodyAsync<SignOffRequest>(context))
                .ThenAsync(request => signOffs.SignOffAsync(id, request, person, Http.Actor(context.User), context.RequestAborted));
            return Problems.Create(context, outcome, response => $"/api/v1/signoffs/{response.SignOff.Id}/attestation");
        }).RequireAuthorization(Scopes.Policies.SignOff)
            .Accepts<SignOffRequest>("application/json").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithSummary("Approve, reject or break the glass as the token's person")
            .WithDescription("Checked on the server: the policy must count the sign-off (the author, co-authors, the prompter of an agent and bots never count). "
                + "patchId must be the change's current content. A refused sign-off stores nothing.");

        api.MapGet("/signoffs/{id}/attestation", async (HttpContext context, SignOffService signOffs, string id) =>
            Problems.Read(context, await signOffs.AttestationAsync(id, context.RequestAborted)))
            .RequireAuthorization(Scopes.Policies.Read).ProducesProblem(404).WithSummary("The sign-off's DSSE envelope (in-toto Statement)");

        api.MapGet("/attestations/key", (AttestationSigner signer) => TypedResults.Ok(signer.Published))
            .AllowAnonymous().WithSummary("The public key attestations are signed with");

        api.MapGet("/queue", async (HttpContext context, ChangeService changes,
            [FromQuery] string? person, [FromQuery] string? team, [FromQuery] bool? everyone, [FromQuery] int? offset, [FromQuery] int? limit) =>
            Problems.List(context, await Http.Paging(offset, limit).ThenAsync(async page =>
            {
                IReadOnlyList<string>? members = null;
                if (team is not null && !(await changes.TeamMembersAsync(team, context.RequestAborted)).Succeeded(out members, out var problem))
                {
                    return problem;
                }

                var self = context.User.FindFirst(Scopes.PersonClaim)?.Value;
                var who = everyone == true || members is not null ? person : person ?? self;
                var filter = new QueueFilter(["pending", "rejected", "frozen"], null, who, members, page.Offset, page.Limit);
                return (Outcome<Page<QueueEntry>>)await changes.ListAsync(filter, context.RequestAborted);
            }))).RequireAuthorization(Scopes.Policies.Queue).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Changes waiting for a person (default: the token's), a team (and its sub-teams), or everyone");

        api.MapPost("/deploys", async (HttpContext context, Repositories.DeployIntake deploys) =>
            Problems.Decide(context, await (await Http.BodyAsync<Repositories.DeploySubmission>(context))
                .ThenAsync(submission => deploys.DeployAsync(submission, Http.Actor(context.User), context.RequestAborted))))
            .RequireAuthorization(Scopes.Policies.Register).Accepts<DeployRequest>("application/json")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503).ProducesProblem(507)
            .WithSummary("Decide a deploy: every shipped change must be signed off and no freeze may hold it")
            .WithDescription("CI sends the shipped changes and the policy at the shipping revision. For a registered repository (see /api/v1/repositories) send "
                + "{repository, service, environment, from, to} only: the server reads what ships from its mirror; changes or a policy sent for it are refused (409).");

        api.MapGet("/deploys", async (HttpContext context, DeployService deploys, [FromQuery] int? offset, [FromQuery] int? limit) =>
            Problems.List(context, await Http.Paging(offset, limit).ThenAsync(async page =>
                new Outcome<IReadOnlyList<DeployDecisionSummary>>(await deploys.RecentAsync(page.Offset, page.Limit, context.RequestAborted))))).RequireAuthorization(Scopes.Policies.Read).ProducesProblem(400).WithSummary("Recent deploy decisions, newest first");
    }

    private static Outcome<IReadOnlyList<string>> Statuses(string? status) =>
        status is null ? Array.Empty<string>()
        : status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is var list && list.All(s => s is "pending" or "rejected" or "frozen" or "satisfied")
            ? list
            : new Problem.Invalid("status", "a comma-separated list of pending, rejected, frozen, satisfied");
}
