using System.Text.Json.Nodes;
using Countersign.Contracts;
using Countersign.Core.Deploys;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>Deploy decisions on the server: <see cref="DeployGate.Decide"/> with the server's directory and sign-offs, recorded and audited.</summary>
public sealed class DeployService(ServerDatabase database, ServerEvaluator evaluator, TimeProvider time, ServerMetrics metrics)
{
    /// <summary>
    /// Decides a deploy: every shipped change that CI found touching or reaching the service is evaluated with the
    /// sign-offs filed under its key or given for its content (a pull request's sign-off, found again after the merge),
    /// at the deploy's environment. The decision is recorded and audited; a policy that does not compile is a problem
    /// and records nothing.
    /// </summary>
    /// <param name="request">The deploy.</param>
    /// <param name="actor">The token asking.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<DeployDecisionView>> DeployAsync(DeployRequest request, string actor, CancellationToken cancellation)
    {
        if (Validation.Check(request) is { } invalid)
        {
            return invalid;
        }

        return await database.WriteAsync<Outcome<DeployDecisionView>>(async scope =>
        {
            var c = scope.Connection;
            var t = scope.Transaction;
            var directory = await evaluator.OrgAsync(c, t);
            if (!evaluator.Compile(request.Policy, directory).Succeeded(out var policy, out var uncompiled))
            {
                return uncompiled;
            }

            var candidates = new List<DeployCandidate>(request.Changes.Count);
            var views = new List<IReadOnlyList<SignOffView>>(request.Changes.Count);
            foreach (var shipped in request.Changes)
            {
                var facts = evaluator.Rebind(null, shipped.Facts, directory, request.Mailmap);
                var signOffs = await SignOffStore.ForChangeAsync(c, t, request.Repository, facts.Key, facts.PatchId);
                views.Add(signOffs);
                candidates.Add(new DeployCandidate(shipped.Commit, facts, SignOffService.Counting(signOffs)));
            }

            var verdict = DeployGate.Decide(policy, candidates, new DeployTarget(request.Environment, directory.Org, evaluator.Resolver(directory, request.Mailmap), scope.Now));
            var changes = verdict.Changes.Select((v, i) =>
                new ShippedVerdict(v.Commit, ChangeViews.StatusName(v.Result.Status), v.Passed, v.Result.Summary, views[i], ChangeViews.ResultJson(v.Result, v.Change))).ToList();
            foreach (var change in changes)
            {
                metrics.Decided(change.Status);
            }

            var summary = new JsonArray([.. changes.Select(v => (JsonNode)new JsonObject { ["commit"] = v.Commit, ["status"] = v.Status })]);
            var id = await DeployDecisionStore.RecordAsync(
                scope, actor, request.Repository, request.Service, request.Environment, request.From, request.To, verdict.Allowed, summary.ToJsonString(), scope.Now,
                new JsonObject { ["changes"] = summary.DeepClone() });
            return new DeployDecisionView(id, request.Repository, request.Service, request.Environment, request.From, request.To, verdict.Allowed, scope.Now, changes);
        }, time.GetUtcNow(), cancellation);
    }

    /// <summary>Recent deploy decisions, newest first.</summary>
    /// <param name="offset">How many to skip.</param>
    /// <param name="limit">How many to answer.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<IReadOnlyList<DeployDecisionSummary>> RecentAsync(int offset, int limit, CancellationToken cancellation) =>
        await database.ReadAsync(connection => DeployDecisionStore.RecentAsync(connection, offset, limit), cancellation);
}
