using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.Attestations;
using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Contracts;
using Countersign.Server.Data;
using Dapper;

namespace Countersign.Server.Evaluation;

/// <summary>
/// What the API does with changes: register them and their revisions, evaluate them, take sign-offs (checked against
/// the policy on the server, never trusted from the client), issue attestations, list the queue, decide deploys. Every
/// state change and its audit records share one transaction.
/// </summary>
public sealed class ChangeService(ServerDatabase database, ServerEvaluator evaluator, AttestationSigner signer, TimeProvider time, ServerMetrics metrics)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, DecisionInputs> inputs = new();

    private const string ChangeColumns =
        "id, repository, change_key, title, author_id, author_level, revision, head_sha, patch_id, status, summary, risk, blast_class, provenance, tools, ai_share, created_at, updated_at";

    private const string SignOffColumns =
        "id, change_id, repository, change_key, person_id, kind, patch_id, file_patch_ids, head_sha, at, comment, revision, rules, attestation, dismissed_at, dismissed_reason";

    private const string PrefixedSignOffColumns =
        "s.id, s.change_id, s.repository, s.change_key, s.person_id, s.kind, s.patch_id, s.file_patch_ids, s.head_sha, s.at, s.comment, s.revision, s.rules, s.attestation, s.dismissed_at, s.dismissed_reason";

    /// <summary>Registers a change or a new revision and evaluates it; a repeated registration of the same content only reads.</summary>
    /// <param name="registration">The change as CI built it.</param>
    /// <param name="actor">The token registering it.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<ChangeView> RegisterAsync(ChangeRegistration registration, string actor, CancellationToken cancellation)
    {
        Validation.Check(registration);
        var factsJson = ChangeFactsJson.Serialize(registration.Facts);
        var policyJson = JsonSerializer.Serialize(new StoredPolicy(registration.Policy, registration.Mailmap), ChangeFactsJson.Options);
        var factsHash = Hash(factsJson);
        var policyHash = Hash(policyJson);
        var now = time.GetUtcNow();

        // Most registrations repeat what the server already has (CI re-running check): answer them without writing.
        var unchanged = await database.ReadAsync(async connection =>
        {
            var row = await FindRowAsync(connection, null, registration.Repository, registration.Facts.Key);
            if (row is null)
            {
                return null;
            }

            var revision = await connection.QuerySingleAsync<(string FactsHash, string PolicyHash)>(
                "SELECT facts_hash, policy_hash FROM revisions WHERE change_id = @Id AND number = @Revision", new { row.Id, row.Revision });
            if (revision.FactsHash != factsHash || revision.PolicyHash != policyHash)
            {
                return null;
            }

            var state = await EvaluateStoredAsync(connection, null, row, now);
            return StatusName(state.Result.Status) == row.Status ? View(row, state) : null;
        }, cancellation);
        if (unchanged is not null)
        {
            metrics.Decided(unchanged.Status);
            return unchanged;
        }

        var view = await database.WriteAsync(async scope =>
        {
            var c = scope.Connection;
            var t = scope.Transaction;
            var facts = registration.Facts;
            var row = await FindRowAsync(c, t, registration.Repository, facts.Key);
            var revisionChanged = true;
            if (row is null)
            {
                var id = await c.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO changes (repository, change_key, title, revision, head_sha, patch_id, status, summary, risk, blast_class, provenance, tools, created_at, updated_at)
                    VALUES (@repository, @key, @title, 1, @head, @patch, 'new', '', 0, '', '', '[]', @now, @now) RETURNING id
                    """,
                    new { repository = registration.Repository, key = facts.Key, title = Bound(facts.Title, 300), head = facts.HeadSha, patch = facts.PatchId, now = Db.Time(scope.Now) }, t);
                await InsertRevisionAsync(scope, id, 1, facts, factsJson, factsHash, policyJson, policyHash);
                await scope.AuditAsync("change.registered", actor, new JsonObject
                {
                    ["change"] = id,
                    ["repository"] = registration.Repository,
                    ["key"] = facts.Key,
                    ["revision"] = 1,
                    ["head"] = facts.HeadSha,
                    ["patchId"] = facts.PatchId,
                    ["title"] = Bound(facts.Title, 200),
                    ["factsHash"] = factsHash,
                    ["policyHash"] = policyHash,
                });
            }
            else if (row.HeadSha != facts.HeadSha || row.PatchId != facts.PatchId)
            {
                var number = row.Revision + 1;
                await InsertRevisionAsync(scope, row.Id, number, facts, factsJson, factsHash, policyJson, policyHash);
                await c.ExecuteAsync(
                    "UPDATE changes SET revision = @number, head_sha = @head, patch_id = @patch, title = @title WHERE id = @id",
                    new { number, head = facts.HeadSha, patch = facts.PatchId, title = Bound(facts.Title, 300), id = row.Id }, t);
                await scope.AuditAsync("change.revision-added", actor, new JsonObject
                {
                    ["change"] = row.Id,
                    ["revision"] = number,
                    ["head"] = facts.HeadSha,
                    ["patchId"] = facts.PatchId,
                    ["previousPatchId"] = row.PatchId,
                    ["factsHash"] = factsHash,
                    ["policyHash"] = policyHash,
                });
            }
            else
            {
                revisionChanged = false;
                var stored = await c.QuerySingleAsync<(string FactsHash, string PolicyHash)>(
                    "SELECT facts_hash, policy_hash FROM revisions WHERE change_id = @Id AND number = @Revision", new { row.Id, row.Revision }, t);
                if (stored.FactsHash != factsHash || stored.PolicyHash != policyHash)
                {
                    await c.ExecuteAsync(
                        "UPDATE revisions SET facts = @factsJson, facts_hash = @factsHash, policy = @policyJson, policy_hash = @policyHash WHERE change_id = @Id AND number = @Revision",
                        new { factsJson, factsHash, policyJson, policyHash, row.Id, row.Revision }, t);
                    await c.ExecuteAsync("UPDATE changes SET title = @title WHERE id = @id", new { title = Bound(facts.Title, 300), id = row.Id }, t);
                    await scope.AuditAsync("change.updated", actor, new JsonObject
                    {
                        ["change"] = row.Id,
                        ["revision"] = row.Revision,
                        ["factsChanged"] = stored.FactsHash != factsHash,
                        ["policyChanged"] = stored.PolicyHash != policyHash,
                        ["policySource"] = registration.Policy.Source,
                        ["factsHash"] = factsHash,
                        ["policyHash"] = policyHash,
                    });
                }
            }

            row = (await FindRowAsync(c, t, registration.Repository, facts.Key))!;
            var state = await EvaluateStoredAsync(c, t, row, scope.Now);
            await ApplyAsync(scope, row, state, actor, revisionChanged);
            state = state with { SignOffs = await SignOffsAsync(c, t, row.Repository, row.ChangeKey, row.PatchId) };
            return View((await FindRowAsync(c, t, registration.Repository, facts.Key))!, state);
        }, now, cancellation);
        metrics.Decided(view.Status);
        return view;
    }

    /// <summary>The change with a fresh evaluation (deadlines and time windows move), or a 404.</summary>
    /// <param name="id">The change id.</param>
    /// <param name="withResult">Include the whole result tree.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<ChangeView> GetAsync(long id, bool withResult, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
        {
            var (row, state) = await LoadAndEvaluateAsync(connection, id);
            return View(row, state, withResult);
        }, cancellation);

    /// <summary>
    /// Everything the dashboard's change page shows: the view, the facts and the result tree, the revisions, and —
    /// for <paramref name="viewer"/> — why an approval or a rejection by them would not count (null: it would).
    /// </summary>
    /// <param name="id">The change id.</param>
    /// <param name="viewer">The person looking, or null.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<ChangeDetail> DetailAsync(long id, string? viewer, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
        {
            var (row, state) = await LoadAndEvaluateAsync(connection, id);
            var revisions = (await connection.QueryAsync<RevisionRow>(
                "SELECT change_id, number, head_sha, base_sha, patch_id, facts_hash, policy_hash, created_at FROM revisions WHERE change_id = @id ORDER BY number", new { id })).ToList();
            IReadOnlyList<string>? Refusal(SignOffKind kind)
            {
                if (viewer is null || state.Org.FindPerson(viewer) is null)
                {
                    return ["you are not a person of the organisation directory (sign in with your own account or a reviewer token)"];
                }

                var hypothetical = new SignOff("preview", row.ChangeKey, viewer, kind, row.PatchId, state.Facts.FilePatchIds, row.HeadSha, state.Result.EvaluatedAt);
                var simulated = evaluator.Evaluate(state.Policy, state.Facts, state.Directory, state.Stored.Mailmap,
                    [.. state.SignOffs.Select(s => s.ToSignOff()), hypothetical], state.Result.EvaluatedAt);
                return SignOffRefusal.Reasons(kind, hypothetical, simulated);
            }

            return new ChangeDetail(
                View(row, state, withResult: false), state.Facts, state.Result, state.Org,
                revisions.Select(r => new RevisionView(r.Number, r.HeadSha, r.BaseSha, r.PatchId, Db.ParseTime(r.CreatedAt))).ToList(),
                Refusal(SignOffKind.Approve), Refusal(SignOffKind.Reject));
        }, cancellation);

    /// <summary>Just the verdict on the change as it stands: what CI and deploy systems poll.</summary>
    /// <param name="id">The change id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<DecisionView> DecisionAsync(long id, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
        {
            var (row, state) = await LoadAndEvaluateAsync(connection, id);
            return new DecisionView(row.Id, row.Revision, row.PatchId, StatusName(state.Result.Status), state.Result.Passed, state.Result.Summary);
        }, cancellation);

    /// <summary>
    /// The change evaluated now. Every state change appends to the audit chain in its own transaction, so the chain's
    /// head sequence is the version of everything a decision reads: while it has not moved, the inputs read last time
    /// (change, revision, directory, sign-offs) are still the database's, and only the evaluation itself — which
    /// depends on the time — runs again. When it has moved, the inputs are read in one round trip.
    /// </summary>
    private async Task<(ChangeRow Row, Evaluated State)> LoadAndEvaluateAsync(DbConnection connection, long id)
    {
        var now = time.GetUtcNow();
        var head = await AuditStore.HeadSequenceAsync(connection);
        if (inputs.TryGetValue(id, out var cached) && cached.Head == head)
        {
            var again = cached.State with
            {
                Result = evaluator.Evaluate(cached.State.Policy, cached.State.Facts, cached.State.Directory, cached.State.Stored.Mailmap, cached.SignOffs, now),
            };
            metrics.Decided(StatusName(again.Result.Status));
            return (cached.Row, again);
        }

        using var grid = await connection.QueryMultipleAsync(
            $"""
            SELECT {ChangeColumns} FROM changes WHERE id = @id;
            SELECT r.change_id, r.number, r.head_sha, r.base_sha, r.patch_id, r.facts_hash, r.policy_hash, r.created_at
                FROM revisions r JOIN changes c ON c.id = r.change_id AND c.revision = r.number WHERE c.id = @id;
            SELECT value FROM settings WHERE name = 'org_version';
            SELECT {PrefixedSignOffColumns} FROM signoffs s JOIN changes c ON c.id = @id
                WHERE s.repository = c.repository AND (s.change_key = c.change_key OR (s.patch_id = c.patch_id AND s.patch_id <> ''))
                ORDER BY s.at, s.id;
            """, new { id });
        var row = await grid.ReadSingleOrDefaultAsync<ChangeRow>() ?? throw ApiProblemException.NotFound($"no change with id {id}");
        var revision = await grid.ReadSingleAsync<RevisionRow>();
        var orgVersion = long.Parse(await grid.ReadSingleOrDefaultAsync<string?>() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var signOffs = (await grid.ReadAsync<SignOffRow>()).Select(r => r.View()).ToList();
        var state = await EvaluateStoredAsync(connection, null, row, now, revision, orgVersion, signOffs);
        if (inputs.Count >= 4096)
        {
            inputs.Clear();
        }

        // Read after the head: if a write landed in between, these inputs are newer than the head they are filed
        // under, and the next request (seeing the new head) reads them again — never the other way round.
        if (head is { } version)
        {
            inputs[id] = new DecisionInputs(version, row, state, [.. signOffs.Select(s => s.ToSignOff())]);
        }

        metrics.Decided(StatusName(state.Result.Status));
        return (row, state);
    }

    /// <summary>The change filed under <paramref name="key"/> in <paramref name="repository"/>, or a 404.</summary>
    /// <param name="repository">The repository name.</param>
    /// <param name="key">The change key.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<ChangeView> FindAsync(string repository, string key, CancellationToken cancellation)
    {
        var id = await database.ReadAsync(async connection => (await FindRowAsync(connection, null, repository, key))?.Id, cancellation)
            ?? throw ApiProblemException.NotFound($"no change '{Bound(key, 200)}' in repository '{Bound(repository, 200)}'");
        return await GetAsync(id, withResult: true, cancellation);
    }

    /// <summary>Changes, filtered and paged: ordered by risk (highest first), then age (oldest first).</summary>
    /// <param name="filter">Who is waited for and which statuses.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Page<QueueEntry>> ListAsync(QueueFilter filter, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
        {
            var where = new List<string>();
            var args = new DynamicParameters();
            // Dapper expands "IN @list" for SQLite but passes a PostgreSQL array for Npgsql, which needs "= ANY".
            string In(string parameter) => database.Kind == DatabaseKind.PostgreSql ? $"= ANY(@{parameter})" : $"IN @{parameter}";
            if (filter.Statuses.Count > 0)
            {
                where.Add($"c.status {In("statuses")}");
                args.Add("statuses", filter.Statuses.ToArray());
            }

            if (filter.Repository is not null)
            {
                where.Add("c.repository = @repository");
                args.Add("repository", filter.Repository);
            }

            if (filter.Person is not null)
            {
                where.Add("EXISTS (SELECT 1 FROM waiting w WHERE w.change_id = c.id AND w.person_id = @person)");
                args.Add("person", filter.Person);
            }

            if (filter.TeamMembers is not null)
            {
                where.Add($"EXISTS (SELECT 1 FROM waiting w WHERE w.change_id = c.id AND w.person_id {In("members")})");
                args.Add("members", filter.TeamMembers.ToArray());
            }

            var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
            args.Add("limit", filter.Limit);
            args.Add("offset", filter.Offset);
            var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM changes c {clause}", args);
            var rows = await connection.QueryAsync<ChangeRow>(
                $"SELECT {ChangeColumns} FROM changes c {clause} ORDER BY c.risk DESC, c.created_at, c.id LIMIT @limit OFFSET @offset", args);
            var now = time.GetUtcNow();
            return new Page<QueueEntry>(rows.Select(r => r.Entry(now)).ToList(), total, filter.Offset, filter.Limit);
        }, cancellation);

    /// <summary>
    /// Records a sign-off by <paramref name="personId"/> on the change's current content, after checking on the server
    /// that it counts. Refused sign-offs (422), stale content (409) and unknown people (403) store nothing.
    /// </summary>
    /// <param name="id">The change id.</param>
    /// <param name="request">What the reviewer says and about which content.</param>
    /// <param name="personId">The person the reviewer token acts as.</param>
    /// <param name="actor">The token, for the audit record.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<SignOffResponse> SignOffAsync(long id, SignOffRequest request, string personId, string actor, CancellationToken cancellation)
    {
        Validation.Check(request);
        var response = await database.WriteAsync(async scope =>
        {
            var c = scope.Connection;
            var t = scope.Transaction;
            var row = await c.QuerySingleOrDefaultAsync<ChangeRow>($"SELECT {ChangeColumns} FROM changes WHERE id = @id", new { id }, t)
                ?? throw ApiProblemException.NotFound($"no change with id {id}");
            if (!string.Equals(request.PatchId, row.PatchId, StringComparison.OrdinalIgnoreCase))
            {
                throw ApiProblemException.Conflict($"the change's content moved on: the server has revision {row.Revision} with patch {row.PatchId}, the sign-off is for patch {request.PatchId}; look at the current revision and sign again");
            }

            var directory = await evaluator.OrgAsync(c, t);
            var person = directory.Org.FindPerson(personId)
                ?? throw ApiProblemException.Forbidden($"the token's person '{personId}' is not (or no longer) in the org directory, so it cannot sign off");
            var revision = await RevisionAsync(c, t, row);
            var before = await EvaluateStoredAsync(c, t, row, scope.Now, revision);
            var signOff = new SignOff(
                Guid.NewGuid().ToString("n"), row.ChangeKey, person.Id, request.Kind, row.PatchId, before.Facts.FilePatchIds, row.HeadSha, scope.Now, Bound(request.Comment, 4000));
            var after = evaluator.Evaluate(before.Policy, before.Facts, directory, before.Stored.Mailmap, [.. before.SignOffs.Select(s => s.ToSignOff()), signOff], scope.Now);
            if (SignOffRefusal.Reasons(request.Kind, signOff, after) is { } reasons)
            {
                throw ApiProblemException.Unprocessable(
                    "Sign-off refused",
                    $"{person.Name} cannot {SignOffWords.Verb(request.Kind)} this change; nothing was recorded: {string.Join("; ", reasons)}",
                    new Dictionary<string, object?> { ["reasons"] = reasons });
            }

            var rules = SignOffRefusal.RulesSatisfied(signOff, after);
            var kind = SignOffRow.KindName(request.Kind);
            var statement = SignOffAttestation.Statement(row.Repository, row.HeadSha, row.ChangeKey, row.PatchId, person.Id, string.Join(",", rules), scope.Now, kind);
            var envelope = JsonSerializer.Serialize(signer.Sign(statement));
            await c.ExecuteAsync(
                $"INSERT INTO signoffs ({SignOffColumns}) VALUES (@Id, @ChangeId, @Repository, @ChangeKey, @PersonId, @Kind, @PatchId, @FilePatchIds, @HeadSha, @At, @Comment, @Revision, @Rules, @Attestation, NULL, NULL)",
                new
                {
                    signOff.Id, ChangeId = row.Id, row.Repository, row.ChangeKey, signOff.PersonId, Kind = kind, signOff.PatchId,
                    FilePatchIds = JsonSerializer.Serialize(signOff.FilePatchIds), signOff.HeadSha, At = Db.Time(signOff.At), signOff.Comment,
                    Revision = row.Revision, Rules = JsonSerializer.Serialize(rules), Attestation = envelope,
                }, t);
            await scope.AuditAsync($"signoff.{kind}", actor, new JsonObject
            {
                ["signOff"] = signOff.Id,
                ["change"] = row.Id,
                ["key"] = row.ChangeKey,
                ["person"] = person.Id,
                ["patchId"] = row.PatchId,
                ["revision"] = row.Revision,
                ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)r)]),
                ["comment"] = Bound(signOff.Comment, 500),
                ["attestationSha256"] = Hash(envelope),
            });
            var state = await EvaluateStoredAsync(c, t, row, scope.Now, revision);
            await ApplyAsync(scope, row, state, actor, revisionChanged: false);
            state = state with { SignOffs = await SignOffsAsync(c, t, row.Repository, row.ChangeKey, row.PatchId) };
            var stored = state.SignOffs.First(s => s.Id == signOff.Id);
            var fresh = await c.QuerySingleAsync<ChangeRow>($"SELECT {ChangeColumns} FROM changes WHERE id = @id", new { id }, t);
            metrics.SignedOff(kind, scope.Now - Db.ParseTime(revision.CreatedAt));
            return new SignOffResponse(stored, JsonNode.Parse(envelope)!, View(fresh, state));
        }, time.GetUtcNow(), cancellation);
        return response;
    }

    /// <summary>The DSSE envelope issued for a sign-off, or a 404.</summary>
    /// <param name="signOffId">The sign-off id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<JsonNode> AttestationAsync(string signOffId, CancellationToken cancellation) =>
        await database.ReadAsync(async connection =>
            await connection.ExecuteScalarAsync<string?>("SELECT attestation FROM signoffs WHERE id = @signOffId", new { signOffId }) is { } text
                ? JsonNode.Parse(text)!
                : throw ApiProblemException.NotFound($"no sign-off with id {Bound(signOffId, 100)}"), cancellation);

    /// <summary>
    /// Decides a deploy: every shipped change that CI found touching or reaching the service is evaluated with the
    /// sign-offs filed under its key or given for its content (a pull request's sign-off, found again after the merge),
    /// at the deploy's environment. The decision is recorded and audited.
    /// </summary>
    /// <param name="request">The deploy.</param>
    /// <param name="actor">The token asking.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<DeployDecisionView> DeployAsync(DeployRequest request, string actor, CancellationToken cancellation)
    {
        Validation.Check(request);
        return await database.WriteAsync(async scope =>
        {
            var c = scope.Connection;
            var t = scope.Transaction;
            var directory = await evaluator.OrgAsync(c, t);
            var policy = evaluator.Compile(request.Policy, directory);
            var verdicts = new List<ShippedVerdict>();
            foreach (var shipped in request.Changes)
            {
                var facts = evaluator.Rebind(null, shipped.Facts, directory, request.Mailmap);
                var signOffs = await SignOffsAsync(c, t, request.Repository, facts.Key, facts.PatchId);
                var result = evaluator.Evaluate(policy, facts, directory, request.Mailmap, [.. signOffs.Select(s => s.ToSignOff())], scope.Now, request.Environment);
                verdicts.Add(new ShippedVerdict(shipped.Commit, StatusName(result.Status), result.Passed, result.Summary, signOffs, ResultJson(result, facts)));
                metrics.Decided(StatusName(result.Status));
            }

            var allowed = verdicts.All(v => v.Passed);
            var summary = new JsonArray([.. verdicts.Select(v => (JsonNode)new JsonObject { ["commit"] = v.Commit, ["status"] = v.Status })]);
            var id = await c.ExecuteScalarAsync<long>(
                """
                INSERT INTO deploy_decisions (repository, service, environment, from_sha, to_sha, allowed, summary, at)
                VALUES (@Repository, @Service, @Environment, @From, @To, @allowed, @summary, @at) RETURNING id
                """,
                new { request.Repository, request.Service, request.Environment, request.From, request.To, allowed = allowed ? 1 : 0, summary = summary.ToJsonString(), at = Db.Time(scope.Now) }, t);
            await scope.AuditAsync("deploy.decided", actor, new JsonObject
            {
                ["decision"] = id,
                ["repository"] = request.Repository,
                ["service"] = request.Service,
                ["environment"] = request.Environment,
                ["from"] = request.From,
                ["to"] = request.To,
                ["allowed"] = allowed,
                ["changes"] = summary.DeepClone(),
            });
            return new DeployDecisionView(id, request.Repository, request.Service, request.Environment, request.From, request.To, allowed, scope.Now, verdicts);
        }, time.GetUtcNow(), cancellation);
    }

    internal static string StatusName(OverallStatus status) => JsonSerializer.Serialize(status).Trim('"');

    internal static string? Bound(string? text, int max) =>
        text is null ? null : text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");


    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static JsonNode? ResultJson(PolicyResult result, ChangeFacts facts) =>
        JsonSerializer.SerializeToNode(PolicyResultJson.From(result, facts), ChangeFactsJson.Options);

    private static ChangeView View(ChangeRow row, Evaluated state, bool withResult = true) =>
        row.View(state.SignOffs, withResult ? ResultJson(state.Result, state.Facts) : null, state.Result.Passed) with
        {
            Status = StatusName(state.Result.Status),
            Summary = state.Result.Summary,
        };

    private static async Task<ChangeRow?> FindRowAsync(DbConnection connection, DbTransaction? transaction, string repository, string key) =>
        await connection.QuerySingleOrDefaultAsync<ChangeRow>(
            $"SELECT {ChangeColumns} FROM changes WHERE repository = @repository AND change_key = @key", new { repository, key }, transaction);

    /// <summary>The current revision without its documents (they are read only when the caches do not have them).</summary>
    private static async Task<RevisionRow> RevisionAsync(DbConnection connection, DbTransaction? transaction, ChangeRow row) =>
        await connection.QuerySingleAsync<RevisionRow>(
            "SELECT change_id, number, head_sha, base_sha, patch_id, facts_hash, policy_hash, created_at FROM revisions WHERE change_id = @Id AND number = @Revision",
            new { row.Id, row.Revision }, transaction);

    private static async Task<string> DocumentAsync(DbConnection connection, DbTransaction? transaction, RevisionRow revision, string column) =>
        await connection.ExecuteScalarAsync<string>(
            $"SELECT {column} FROM revisions WHERE change_id = @ChangeId AND number = @Number", new { revision.ChangeId, revision.Number }, transaction)
        ?? throw new InvalidOperationException($"revision {revision.Number} of change {revision.ChangeId} has no {column}");

    private static async Task<List<SignOffView>> SignOffsAsync(DbConnection connection, DbTransaction? transaction, string repository, string key, string patchId) =>
        (await connection.QueryAsync<SignOffRow>(
            $"SELECT {SignOffColumns} FROM signoffs WHERE repository = @repository AND (change_key = @key OR (patch_id = @patchId AND patch_id <> '')) ORDER BY at, id",
            new { repository, key, patchId }, transaction)).Select(r => r.View()).ToList();

    private static async Task InsertRevisionAsync(WriteScope scope, long changeId, int number, ChangeFacts facts, string factsJson, string factsHash, string policyJson, string policyHash) =>
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO revisions (change_id, number, head_sha, base_sha, patch_id, facts, facts_hash, policy, policy_hash, created_at)
            VALUES (@changeId, @number, @head, @base, @patch, @factsJson, @factsHash, @policyJson, @policyHash, @now)
            """,
            new { changeId, number, head = facts.HeadSha, @base = facts.BaseSha, patch = facts.PatchId, factsJson, factsHash, policyJson, policyHash, now = Db.Time(scope.Now) },
            scope.Transaction);

    private async Task<Evaluated> EvaluateStoredAsync(
        DbConnection connection, DbTransaction? transaction, ChangeRow row, DateTimeOffset now, RevisionRow? revision = null, long? orgVersion = null, List<SignOffView>? signOffs = null)
    {
        revision ??= await RevisionAsync(connection, transaction, row);
        var directory = await evaluator.OrgAsync(connection, transaction, orgVersion);
        var stored = await evaluator.StoredPolicyAsync(revision.PolicyHash, async () =>
            JsonSerializer.Deserialize<StoredPolicy>(await DocumentAsync(connection, transaction, revision, "policy"), ChangeFactsJson.Options)!);
        var policy = evaluator.Compile(stored.Bundle, directory, revision.PolicyHash);
        var facts = await evaluator.RebindAsync($"{row.Id}:{revision.Number}:{revision.FactsHash}",
            async () => ChangeFactsJson.Deserialize(await DocumentAsync(connection, transaction, revision, "facts")), directory, stored.Mailmap);
        signOffs ??= await SignOffsAsync(connection, transaction, row.Repository, row.ChangeKey, row.PatchId);
        var result = evaluator.Evaluate(policy, facts, directory, stored.Mailmap, [.. signOffs.Select(s => s.ToSignOff())], now);
        return new Evaluated(facts, policy, stored, signOffs, result, directory);
    }

    /// <summary>Stores an evaluation's outcome: the change's status and summary, who it waits for, newly dismissed sign-offs.</summary>
    private static async Task ApplyAsync(WriteScope scope, ChangeRow row, Evaluated state, string actor, bool revisionChanged)
    {
        var c = scope.Connection;
        var t = scope.Transaction;
        var result = state.Result;
        var facts = state.Facts;
        var status = StatusName(result.Status);
        var authors = facts.PeopleIn(ParticipantRole.Author);
        var author = authors.Count > 0 ? authors[0] : null;
        await c.ExecuteAsync(
            """
            UPDATE changes SET status = @status, summary = @summary, risk = @risk, blast_class = @blast, provenance = @provenance,
                tools = @tools, ai_share = @aiShare, author_id = @authorId, author_level = @authorLevel, updated_at = @now,
                landed_at = @landedAt, author_team = @authorTeam
            WHERE id = @id
            """,
            new
            {
                status, summary = Bound(result.Summary, 2000), risk = facts.Risk.Score, blast = JsonSerializer.Serialize(facts.BlastRadius.Class).Trim('"'),
                provenance = JsonSerializer.Serialize(facts.Status).Trim('"'), tools = JsonSerializer.Serialize(facts.Tools), aiShare = facts.AiLineShare,
                authorId = author?.Id, authorLevel = author?.Level, now = Db.Time(scope.Now), id = row.Id,
                landedAt = Db.Time(facts.Commits.Count > 0 ? facts.Commits[^1].Committer.When : scope.Now),
                authorTeam = author is { Teams.Count: > 0 } ? author.Teams[0] : null,
            }, t);
        await c.ExecuteAsync("DELETE FROM waiting WHERE change_id = @id", new { id = row.Id }, t);
        if (!result.Passed)
        {
            var waitingFor = result.Rules.Where(r => r.Blocks && r.Requirement is not null)
                .SelectMany(r => r.Requirement!.Candidates.Select(x => x.PersonId)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var person in waitingFor)
            {
                await c.ExecuteAsync("INSERT INTO waiting (change_id, person_id) VALUES (@id, @person)", new { id = row.Id, person }, t);
            }
        }

        foreach (var note in result.Rules.Where(r => r.Requirement is not null).SelectMany(r => r.Requirement!.Dismissed).DistinctBy(n => n.SignOff.Id))
        {
            var updated = await c.ExecuteAsync(
                "UPDATE signoffs SET dismissed_at = @now, dismissed_reason = @reason WHERE id = @signOff AND dismissed_at IS NULL",
                new { now = Db.Time(scope.Now), reason = Bound(note.Reason, 500), signOff = note.SignOff.Id }, t);
            if (updated > 0)
            {
                await scope.AuditAsync("signoff.dismissed", actor, new JsonObject
                {
                    ["signOff"] = note.SignOff.Id,
                    ["change"] = row.Id,
                    ["person"] = note.SignOff.PersonId,
                    ["reason"] = Bound(note.Reason, 500),
                });
            }
        }

        if (revisionChanged || status != row.Status)
        {
            await scope.AuditAsync("change.evaluated", actor, new JsonObject
            {
                ["change"] = row.Id,
                ["revision"] = row.Revision,
                ["patchId"] = row.PatchId,
                ["status"] = status,
                ["previousStatus"] = row.Status,
                ["summary"] = Bound(result.Summary, 500),
            });
        }
    }

    private sealed record Evaluated(ChangeFacts Facts, CompiledPolicy Policy, StoredPolicy Stored, List<SignOffView> SignOffs, PolicyResult Result, (long Version, OrgDirectory Org) Directory)
    {
        public OrgDirectory Org => Directory.Org;
    }

    /// <summary>What a decision read from the database at audit head <see cref="Head"/>.</summary>
    private sealed record DecisionInputs(long Head, ChangeRow Row, Evaluated State, IReadOnlyList<SignOff> SignOffs);
}

/// <summary>One revision of a change.</summary>
public sealed record RevisionView(int Number, string HeadSha, string BaseSha, string PatchId, DateTimeOffset CreatedAt);

/// <summary>What the dashboard's change page needs (see <see cref="ChangeService.DetailAsync"/>).</summary>
public sealed record ChangeDetail(
    ChangeView View,
    ChangeFacts Facts,
    PolicyResult Result,
    OrgDirectory Org,
    IReadOnlyList<RevisionView> Revisions,
    IReadOnlyList<string>? ApproveRefusal,
    IReadOnlyList<string>? RejectRefusal);

/// <summary>Which changes a list shows.</summary>
public sealed record QueueFilter(IReadOnlyList<string> Statuses, string? Repository, string? Person, IReadOnlyList<string>? TeamMembers, int Offset, int Limit);
