using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Countersign.Core.Changes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>
/// Evaluates changes as the database holds them and records what an evaluation decided. Shared by the change, sign-off
/// and queue services; the SQL is in the stores.
/// </summary>
public sealed class StoredChanges(ServerEvaluator evaluator, TimeProvider time, ServerMetrics metrics)
{
    private const int MaxCachedDecisions = 4096;
    private readonly ConcurrentDictionary<long, DecisionInputs> decisions = new();

    /// <summary>
    /// Change <paramref name="id"/> evaluated now; null when there is no such change. Every state change appends to the
    /// audit chain in its own transaction, so the chain's head sequence is the version of everything a decision reads:
    /// while it has not moved, the inputs read last time (change, revision, directory, sign-offs) are still the
    /// database's, and only the evaluation itself — which depends on the time — runs again. When it has moved, the
    /// inputs are read in one round trip.
    /// </summary>
    internal async Task<Outcome<Decided>?> DecideAsync(DbConnection connection, long id)
    {
        var head = await AuditStore.HeadSequenceAsync(connection);
        var decided = Cached(id, head) ?? await ReadAsync(connection, id, head);
        if (decided is { } outcome && outcome.Succeeded(out var value, out _))
        {
            metrics.Decided(value.State.Status);
        }

        return decided;
    }

    /// <summary>
    /// Change <paramref name="id"/> as the database held it at audit head <paramref name="head"/> (which the caller has
    /// just read), evaluated now; null when the inputs cannot be shown to be those of that head (a write landed while
    /// they were read), when there is no such change, or when its policy no longer compiles. What answers a repeated
    /// registration without reading it again (<see cref="ChangeService"/>).
    /// </summary>
    internal async Task<Decided?> DecideAtAsync(DbConnection connection, long id, long head)
    {
        if (Cached(id, head) is { } cached)
        {
            return cached.Succeeded(out var value, out _) ? value : null;
        }

        var read = await ReadAsync(connection, id, head);
        return read is { } outcome && outcome.Succeeded(out var decided, out _) && await AuditStore.HeadSequenceAsync(connection) == head ? decided : null;
    }

    /// <summary>Change <paramref name="id"/> evaluated now from the inputs cached at audit head <paramref name="head"/>, if there are such; nothing is read.</summary>
    internal Decided? CachedAt(long id, long head) => Cached(id, head) is { } outcome && outcome.Succeeded(out var decided, out _) ? decided : null;

    /// <summary>
    /// The cached inputs evaluated again (the time moves: deadlines, windows), when they were read at
    /// <paramref name="head"/>. When the policy and sign-offs read no clock (<see cref="PolicyEvaluator.DependsOnTime"/>),
    /// the result evaluated then is the result now, and so is its JSON: only the time of evaluation is new.
    /// </summary>
    private Outcome<Decided>? Cached(long id, long? head)
    {
        if (head is null || !decisions.TryGetValue(id, out var cached) || cached.Head != head)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return cached.Timeless
            ? new Decided(cached.Row, cached.State with { Result = cached.State.Result with { EvaluatedAt = now } }, cached.ResultJson.Value)
            : new Decided(cached.Row, cached.State with { Result = PolicyEvaluator.Evaluate(cached.State.Inputs.Policy, Context(cached.State.Inputs, now), cached.SignOffs) });
    }

    private async Task<Outcome<Decided>?> ReadAsync(DbConnection connection, long id, long? head)
    {
        if (await ChangeStore.DecisionRowsAsync(connection, id) is not { } rows)
        {
            return null;
        }

        if (!(await InputsAsync(connection, null, rows.Change, rows.Revision, rows.OrgVersion)).Succeeded(out var inputs, out var problem))
        {
            return problem;
        }

        var state = Evaluate(inputs, rows.SignOffs, time.GetUtcNow());
        if (decisions.Count >= MaxCachedDecisions)
        {
            decisions.Clear();
        }

        // Read after the head: if a write landed in between, these inputs are newer than the head they are filed
        // under, and the next request (seeing the new head) reads them again — never the other way round.
        if (head is { } version)
        {
            var signOffs = state.PolicySignOffs;
            decisions[id] = new DecisionInputs(version, rows.Change, state, signOffs, !PolicyEvaluator.DependsOnTime(inputs.Policy, signOffs));
        }

        return new Decided(rows.Change, state);
    }

    /// <summary>The change's facts and compiled policy, from the caches or the revision's documents; a problem when the policy no longer compiles.</summary>
    internal async Task<Outcome<ChangeInputs>> InputsAsync(DbConnection connection, DbTransaction? transaction, ChangeRow row, RevisionRow? revision = null, long? orgVersion = null)
    {
        revision ??= await RevisionStore.CurrentAsync(connection, transaction, row);
        var directory = await evaluator.OrgAsync(connection, transaction, orgVersion);
        var stored = await evaluator.StoredPolicyAsync(revision.PolicyHash, async () =>
            JsonSerializer.Deserialize<StoredPolicy>(await RevisionStore.DocumentAsync(connection, transaction, revision, RevisionDocument.Policy), ChangeFactsJson.Options)!);
        if (!evaluator.Compile(stored.Bundle, directory, revision.PolicyHash).Succeeded(out var policy, out var problem))
        {
            return problem;
        }

        var facts = await evaluator.RebindAsync($"{row.Id}:{revision.Number}:{revision.FactsHash}",
            async () => ChangeFactsJson.Deserialize(await RevisionStore.DocumentAsync(connection, transaction, revision, RevisionDocument.Facts)), directory, stored.Mailmap);
        return new ChangeInputs(facts, policy, stored, directory);
    }

    /// <summary>What an evaluation of the change sees at <paramref name="now"/>.</summary>
    internal EvaluationContext Context(ChangeInputs inputs, DateTimeOffset now) => evaluator.Context(inputs.Facts, inputs.Directory, inputs.Mailmap, now);

    /// <summary>Evaluates the change with <paramref name="signOffs"/> at <paramref name="now"/>.</summary>
    internal EvaluatedChange Evaluate(ChangeInputs inputs, IReadOnlyList<SignOffView> signOffs, DateTimeOffset now) =>
        new(inputs, signOffs, PolicyEvaluator.Evaluate(inputs.Policy, Context(inputs, now), SignOffService.Counting(signOffs)));

    /// <summary>
    /// Stores an evaluation's outcome — the change's status and summary, who it waits for, newly dismissed sign-offs —
    /// and audits it; returns the state with the sign-offs as now stored (dismissals included).
    /// </summary>
    internal static async Task<EvaluatedChange> RecordAsync(WriteScope scope, ChangeRow row, EvaluatedChange state, string actor, bool revisionChanged)
    {
        var result = state.Result;
        await ChangeStore.RecordEvaluationAsync(scope, row.Id, state.Status, result, state.Inputs.Facts);
        var dismissed = false;
        foreach (var note in result.Rules.Where(r => r.Requirement is not null).SelectMany(r => r.Requirement!.Dismissed).DistinctBy(n => n.SignOff.Id))
        {
            if (await SignOffStore.DismissAsync(scope, note.SignOff.Id, note.Reason))
            {
                dismissed = true;
                await scope.AuditAsync("signoff.dismissed", actor, new JsonObject
                {
                    ["signOff"] = note.SignOff.Id,
                    ["change"] = row.Id,
                    ["person"] = note.SignOff.PersonId,
                    ["reason"] = UntrustedText.Bound(note.Reason, SignOffStore.MaxDismissedReason),
                });
            }
        }

        if (revisionChanged || state.Status != row.Status)
        {
            await scope.AuditAsync("change.evaluated", actor, new JsonObject
            {
                ["change"] = row.Id,
                ["revision"] = row.Revision,
                ["patchId"] = row.PatchId,
                ["status"] = state.Status,
                ["previousStatus"] = row.Status,
                ["summary"] = UntrustedText.Bound(result.Summary, 500),
            });
        }

        return dismissed
            ? state with { SignOffs = await SignOffStore.ForChangeAsync(scope.Connection, scope.Transaction, row.Repository, row.ChangeKey, row.PatchId) }
            : state;
    }

    /// <summary>
    /// What a decision read from the database at audit head <see cref="Head"/>; <see cref="Timeless"/> when its result
    /// does not move with the clock, and then the result's JSON, made once (its <c>evaluatedAt</c> is set per answer).
    /// </summary>
    private sealed record DecisionInputs(long Head, ChangeRow Row, EvaluatedChange State, IReadOnlyList<SignOff> SignOffs, bool Timeless)
    {
        public Lazy<JsonElement> ResultJson { get; } = new(() => ChangeViews.ResultElement(State.Result, State.Inputs.Facts));
    }
}
