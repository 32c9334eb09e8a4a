using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Countersign.Core.Changes;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>
/// What the API and the dashboard do with changes: register them and their revisions (evaluated at once), read them
/// with a fresh evaluation, list the queue. Every state change and its audit records share one transaction. Answers
/// are outcomes: a change that is not there or a policy that does not compile is a <see cref="Problem"/>, not an
/// exception. Sign-offs are <see cref="SignOffService"/>'s, deploys <see cref="DeployService"/>'s.
/// </summary>
public sealed class ChangeService(
    ServerDatabase database, ServerEvaluator evaluator, StoredChanges stored, RepeatedRegistrations repeats, TimeProvider time, ServerMetrics metrics)
{
    /// <summary>Registers a change or a new revision and evaluates it; a repeated registration of the same content only reads.</summary>
    /// <param name="registration">The change as CI built it.</param>
    /// <param name="actor">The token registering it.</param>
    /// <param name="cancellation">Cancels the request.</param>
    /// <param name="head">The audit head the caller read at the start of the request, if it did (saves reading it again).</param>
    public async Task<Outcome<ChangeView>> RegisterAsync(ChangeRegistration registration, string actor, CancellationToken cancellation, long? head = null)
    {
        if (!repeats.TryPrepared(registration, out var documents))
        {
            if (Validation.Check(registration) is { } invalid)
            {
                return invalid;
            }

            var policyJson = JsonSerializer.Serialize(new StoredPolicy(registration.Policy, registration.Mailmap), ChangeFactsJson.Options);
            var factsJson = ChangeFactsJson.Serialize(registration.Facts);
            documents = new RegisteredDocuments(factsJson, Hash(factsJson), policyJson, Hash(policyJson));
            repeats.Prepared(registration, documents);
        }

        var now = time.GetUtcNow();
        var fingerprint = RepeatedRegistrations.Fingerprint(registration, documents);

        // Most registrations repeat what the server already has (CI re-running check): answer them without writing,
        // from one read while nothing was written since the same content was last registered.
        var outcome = await RepeatedAsync(fingerprint, head, cancellation)
            ?? await database.ReadAsync(connection => UnchangedAsync(connection, registration, documents, fingerprint, now), cancellation)
            ?? await database.WriteAsync(scope => ChangeRegistrar.WriteAsync(scope, evaluator, stored, registration, documents, actor), now, cancellation);
        if (outcome.Succeeded(out var view, out _))
        {
            metrics.Decided(view.Status);
        }

        return outcome;
    }

    /// <summary>
    /// The answer to a registration known by <paramref name="fingerprint"/> (see <see cref="RepeatedRegistrations"/>),
    /// from one read, when nothing was written since it was last registered unchanged; null when it must be registered.
    /// </summary>
    /// <param name="fingerprint">The hash of the request body as sent.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<ChangeView?> RepeatAsync(string fingerprint, CancellationToken cancellation)
    {
        var outcome = await RepeatedAsync(fingerprint, null, cancellation);
        if (outcome is { } repeated && repeated.Succeeded(out var view, out _))
        {
            metrics.Decided(view.Status);
            return view;
        }

        return null;
    }

    /// <summary>The audit head: the version of everything the database holds (null when it cannot be read).</summary>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<long?> HeadAsync(CancellationToken cancellation) =>
        await database.ReadAsync(connection => AuditStore.HeadSequenceAsync(connection), cancellation);

    /// <summary>The change with a fresh evaluation (deadlines and time windows move).</summary>
    /// <param name="id">The change id.</param>
    /// <param name="withResult">Include the whole result tree.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<ChangeView>> GetAsync(long id, bool withResult, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
            (await stored.DecideAsync(connection, id))?.Map(d => ChangeViews.View(d.Row, d.State, withResult, d.ResultJson)) ?? NoSuchChange(id), cancellation);

    /// <summary>The change filed under <paramref name="key"/> in <paramref name="repository"/>.</summary>
    /// <param name="repository">The repository name.</param>
    /// <param name="key">The change key.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<ChangeView>> FindAsync(string repository, string key, CancellationToken cancellation) =>
        await database.ReadAsync(async connection => await ChangeStore.FindAsync(connection, null, repository, key), cancellation) is { } row
            ? await GetAsync(row.Id, withResult: true, cancellation)
            : new Problem.NotFound($"no change '{UntrustedText.Bound(key, 200)}' in repository '{UntrustedText.Bound(repository, 200)}'");

    /// <summary>Just the verdict on the change as it stands: what CI and deploy systems poll.</summary>
    /// <param name="id">The change id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<DecisionView>> DecisionAsync(long id, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
            (await stored.DecideAsync(connection, id))?.Map(d =>
                new DecisionView(d.Row.Id, d.Row.Revision, d.Row.PatchId, d.State.Status, d.State.Result.Passed, d.State.Result.Summary)) ?? NoSuchChange(id), cancellation);

    /// <summary>
    /// Everything the dashboard's change page shows: the view, the facts and the result tree, the revisions, and —
    /// for <paramref name="viewer"/> — why an approval or a rejection by them would not count (null: it would).
    /// </summary>
    /// <param name="id">The change id.</param>
    /// <param name="viewer">The person looking, or null.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<ChangeDetail>> DetailAsync(long id, string? viewer, CancellationToken cancellation) =>
        await database.ReadAsync<Outcome<ChangeDetail>>(async connection =>
        {
            if (await stored.DecideAsync(connection, id) is not { } outcome)
            {
                return NoSuchChange(id);
            }

            if (!outcome.Succeeded(out var decided, out var problem))
            {
                return problem;
            }

            var (row, state, _) = decided;
            var revisions = await RevisionStore.AllAsync(connection, id);
            IReadOnlyList<string>? Refusal(SignOffKind kind)
            {
                if (viewer is null || state.Inputs.Org.FindPerson(viewer) is null)
                {
                    return ["you are not a person of the organisation directory (sign in with your own account or a reviewer token)"];
                }

                var at = state.Result.EvaluatedAt;
                var hypothetical = new SignOff("preview", row.ChangeKey, viewer, kind, row.PatchId, state.Inputs.Facts.FilePatchIds, row.HeadSha, at);
                return SignOffPreview.Judge(state.Inputs.Policy, stored.Context(state.Inputs, at), state.PolicySignOffs, hypothetical).Refusal;
            }

            return new ChangeDetail(
                ChangeViews.View(row, state, withResult: false), state.Inputs.Facts, state.Result, state.Inputs.Org,
                revisions.Select(r => new RevisionView(r.Number, r.HeadSha, r.BaseSha, r.PatchId, Db.ParseTime(r.CreatedAt))).ToList(),
                Refusal(SignOffKind.Approve), Refusal(SignOffKind.Reject));
        }, cancellation);

    /// <summary>The change's revisions, oldest first.</summary>
    /// <param name="id">The change id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<IReadOnlyList<RevisionView>>> RevisionsAsync(long id, CancellationToken cancellation)
    {
        var rows = await database.ReadAsync(connection => RevisionStore.AllAsync(connection, id), cancellation);
        return rows.Count == 0
            ? NoSuchChange(id)
            : rows.Select(r => new RevisionView(r.Number, r.HeadSha, r.BaseSha, r.PatchId, Db.ParseTime(r.CreatedAt))).ToList();
    }

    /// <summary>Changes, filtered and paged: ordered by risk (highest first), then age (oldest first).</summary>
    /// <param name="filter">Who is waited for and which statuses.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Page<QueueEntry>> ListAsync(QueueFilter filter, CancellationToken cancellation)
    {
        var (total, rows) = await database.ReadAsync(connection => ChangeStore.ListAsync(connection, database.Kind, filter), cancellation);
        var now = time.GetUtcNow();
        return new Page<QueueEntry>(rows.Select(r => r.Entry(now)).ToList(), total, filter.Offset, filter.Limit);
    }

    /// <summary>The people of <paramref name="team"/> and its sub-teams, whose queue a team view shows.</summary>
    /// <param name="team">The team id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<IReadOnlyList<string>>> TeamMembersAsync(string team, CancellationToken cancellation)
    {
        var org = (await database.ReadAsync(connection => evaluator.OrgAsync(connection), cancellation)).Org;
        if (org.FindTeam(team) is null)
        {
            return new Problem.NotFound($"no team '{UntrustedText.Bound(team, 100)}' in the directory");
        }

        var teams = org.TeamAndDescendants(team).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return org.People.Where(p => p.Teams.Any(teams.Contains)).Select(p => p.Id).ToList();
    }

    internal static Problem NoSuchChange(long id) => new Problem.NotFound($"no change with id {id}");

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<Outcome<ChangeView>?> RepeatedAsync(string fingerprint, long? head, CancellationToken cancellation)
    {
        if (!repeats.TryGet(fingerprint, out var seen) || (head is not null && head != seen.Head))
        {
            return null;
        }

        var decided = head is not null && stored.CachedAt(seen.ChangeId, seen.Head) is { } cached
            ? cached
            : await database.ReadAsync(async connection =>
                (head ?? await AuditStore.HeadSequenceAsync(connection)) == seen.Head ? await stored.DecideAtAsync(connection, seen.ChangeId, seen.Head) : null, cancellation);
        if (decided is null || decided.State.Status != decided.Row.Status)
        {
            return null;
        }

        repeats.Answer();
        return ChangeViews.View(decided.Row, decided.State, resultJson: decided.ResultJson);
    }

    /// <summary>The answer to a registration that repeats the stored revision and leaves the status as it is; null when it must be written.</summary>
    private async Task<Outcome<ChangeView>?> UnchangedAsync(DbConnection connection, ChangeRegistration registration, RegisteredDocuments documents, string fingerprint, DateTimeOffset now)
    {
        var head = await AuditStore.HeadSequenceAsync(connection);
        if (await ChangeStore.FindAsync(connection, null, registration.Repository, registration.Facts.Key) is not { } row)
        {
            return null;
        }

        var revision = await RevisionStore.CurrentAsync(connection, null, row);
        if (revision.FactsHash != documents.FactsHash || revision.PolicyHash != documents.PolicyHash)
        {
            return null;
        }

        if (!(await stored.InputsAsync(connection, null, row, revision)).Succeeded(out var inputs, out var problem))
        {
            return problem;
        }

        var state = stored.Evaluate(inputs, await SignOffStore.ForChangeAsync(connection, null, row.Repository, row.ChangeKey, row.PatchId), now);
        if (state.Status != row.Status)
        {
            return null;
        }

        // Read before the rows: if a write landed in between, the next request sees a newer head and reads again.
        repeats.Remember(fingerprint, head, row.Id);
        return ChangeViews.View(row, state);
    }
}
