using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Countersign.Core.Attestations;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>
/// Sign-offs given on the server: checked against the policy there (never trusted from the client), each with a signed
/// attestation, the change re-evaluated and its outcome recorded in the same transaction.
/// </summary>
public sealed class SignOffService(ServerDatabase database, ServerEvaluator evaluator, StoredChanges stored, AttestationSigner signer, TimeProvider time, ServerMetrics metrics)
{
    /// <summary>The reason a withdrawn sign-off's dismissal starts with: withdrawn sign-offs never count again (stale ones may, when the content comes back).</summary>
    public const string WithdrawnPrefix = "withdrawn";

    /// <summary>
    /// Records a sign-off by <paramref name="personId"/> on the change's current content, after checking on the server
    /// that it counts (see <see cref="RecordAsync"/>).
    /// </summary>
    /// <param name="id">The change id.</param>
    /// <param name="request">What the reviewer says and about which content.</param>
    /// <param name="personId">The person the reviewer token acts as.</param>
    /// <param name="actor">The token, for the audit record.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<SignOffResponse>> SignOffAsync(long id, SignOffRequest request, string personId, string actor, CancellationToken cancellation)
    {
        if (Validation.Check(request) is { } invalid)
        {
            return invalid;
        }

        return await RecordAsync(new SignOffCommand(id, request.Kind, personId, actor, request.Comment) { PatchId = request.PatchId }, cancellation);
    }

    /// <summary>
    /// Records a sign-off after checking on the server that it counts — the one path for the API's sign-offs and the
    /// forges' reviews. The policy is evaluated twice: once with the sign-off added, before anything is written (does
    /// it count? <see cref="SignOffPreview"/>), and once after, from what is stored. A change that is not there,
    /// content that moved on (a conflict), a person no longer in the directory (forbidden) and a sign-off that would
    /// not count (unprocessable, with one reason per applying rule) are problems, and store nothing. A sign-off bound
    /// to an older revision is judged on the current content, so the rule's staleness decides (kept across a pure
    /// rebase, dismissed for new content).
    /// </summary>
    /// <param name="command">What to record.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<SignOffResponse>> RecordAsync(SignOffCommand command, CancellationToken cancellation) =>
        await database.WriteAsync<Outcome<SignOffResponse>>(async scope =>
        {
            var c = scope.Connection;
            var t = scope.Transaction;
            var id = command.ChangeId;
            if (await ChangeStore.GetAsync(c, t, id) is not { } row)
            {
                return ChangeService.NoSuchChange(id);
            }

            if (command.SignOffId is { } known && await SignOffStore.ByIdAsync(c, t, known) is { } recordedBefore)
            {
                var decided = await stored.InputsAsync(c, t, row);
                if (!decided.Succeeded(out var currentInputs, out var unreadable))
                {
                    return unreadable;
                }

                var now = stored.Evaluate(currentInputs, await SignOffStore.ForChangeAsync(c, t, row.Repository, row.ChangeKey, row.PatchId), scope.Now);
                return new SignOffResponse(recordedBefore, JsonNode.Parse(await SignOffStore.AttestationAsync(c, known) ?? "{}")!, ChangeViews.View(row, now));
            }

            if (command.PatchId is { } patchId && !string.Equals(patchId, row.PatchId, StringComparison.OrdinalIgnoreCase))
            {
                return new Problem.Conflict($"the change's content moved on: the server has revision {row.Revision} with patch {row.PatchId}, the sign-off is for patch {patchId}; look at the current revision and sign again");
            }

            var directory = await evaluator.OrgAsync(c, t);
            if (directory.Org.FindPerson(command.PersonId) is not { } person)
            {
                return new Problem.Forbidden($"the person '{UntrustedText.Bound(command.PersonId, 100)}' is not (or no longer) in the org directory, so it cannot sign off");
            }

            var revision = await RevisionStore.CurrentAsync(c, t, row);
            if (!(await stored.InputsAsync(c, t, row, revision, directory.Version)).Succeeded(out var inputs, out var problem))
            {
                return problem;
            }

            // The content the sign-off is for: the current revision's, or the older one the reviewer saw.
            var (boundPatch, boundFiles, boundHead) = (row.PatchId, inputs.Facts.FilePatchIds, row.HeadSha);
            if (command.Revision is { } number && number != revision.Number)
            {
                if ((await RevisionStore.AllAsync(c, id)).FirstOrDefault(r => r.Number == number) is not { } older)
                {
                    return new Problem.NotFound($"the change has no revision {number}");
                }

                if (!(await stored.InputsAsync(c, t, row, older, directory.Version)).Succeeded(out var olderInputs, out var olderProblem))
                {
                    return olderProblem;
                }

                (boundPatch, boundFiles, boundHead) = (older.PatchId, olderInputs.Facts.FilePatchIds, older.HeadSha);
            }

            var existing = await SignOffStore.ForChangeAsync(c, t, row.Repository, row.ChangeKey, row.PatchId);
            var signOff = new SignOff(
                command.SignOffId ?? Guid.NewGuid().ToString("n"), row.ChangeKey, person.Id, command.Kind, boundPatch, boundFiles, boundHead, scope.Now,
                UntrustedText.Bound(command.Comment, SignOff.MaxCommentLength));
            var judgement = SignOffPreview.Judge(inputs.Policy, stored.Context(inputs, scope.Now), Counting(existing), signOff);
            if (judgement.Refusal is { } reasons)
            {
                return new Problem.Unprocessable(
                    "Sign-off refused",
                    $"{person.Name} cannot {SignOffWords.Verb(command.Kind)} this change; nothing was recorded: {string.Join("; ", reasons)}",
                    "reasons",
                    reasons);
            }

            var kind = SignOffRow.KindName(command.Kind);
            var statement = SignOffAttestation.Statement(row.Repository, boundHead, row.ChangeKey, boundPatch, person.Id, string.Join(",", judgement.Rules), scope.Now, kind);
            var envelope = JsonSerializer.Serialize(signer.Sign(statement));
            await SignOffStore.InsertAsync(scope, row, signOff, judgement.Rules, envelope);
            await scope.AuditAsync($"signoff.{kind}", command.Actor, new JsonObject
            {
                ["signOff"] = signOff.Id,
                ["change"] = row.Id,
                ["key"] = row.ChangeKey,
                ["person"] = person.Id,
                ["patchId"] = boundPatch,
                ["revision"] = row.Revision,
                ["boundToRevision"] = command.Revision,
                ["rules"] = new JsonArray([.. judgement.Rules.Select(r => (JsonNode)r)]),
                ["comment"] = UntrustedText.Bound(signOff.Comment, 500),
                ["attestationSha256"] = ChangeService.Hash(envelope),
            });

            var after = stored.Evaluate(inputs, await SignOffStore.ForChangeAsync(c, t, row.Repository, row.ChangeKey, row.PatchId), scope.Now);
            var state = await StoredChanges.RecordAsync(scope, row, after, command.Actor, revisionChanged: false);
            var recorded = state.SignOffs.First(s => s.Id == signOff.Id);
            metrics.SignedOff(kind, scope.Now - Db.ParseTime(revision.CreatedAt));
            return new SignOffResponse(recorded, JsonNode.Parse(envelope)!, ChangeViews.View((await ChangeStore.GetAsync(c, t, id))!, state));
        }, time.GetUtcNow(), cancellation);

    /// <summary>
    /// Withdraws a sign-off (its reviewer dismissed or unapproved it on the forge): dismissed with
    /// <paramref name="reason"/> (prefixed <see cref="WithdrawnPrefix"/>), audited, the change re-evaluated and recorded,
    /// all in one transaction. A withdrawn sign-off never counts again. Withdrawing one already withdrawn changes nothing.
    /// </summary>
    /// <param name="changeId">The change the sign-off is filed under.</param>
    /// <param name="signOffId">The sign-off.</param>
    /// <param name="reason">Why, in one sentence (untrusted parts bounded by the caller).</param>
    /// <param name="actor">Who withdrew it.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<ChangeView>> WithdrawAsync(long changeId, string signOffId, string reason, string actor, CancellationToken cancellation) =>
        await database.WriteAsync<Outcome<ChangeView>>(async scope =>
        {
            var c = scope.Connection;
            var t = scope.Transaction;
            if (await ChangeStore.GetAsync(c, t, changeId) is not { } row)
            {
                return ChangeService.NoSuchChange(changeId);
            }

            if (await SignOffStore.ByIdAsync(c, t, signOffId) is not { } signOff)
            {
                return new Problem.NotFound($"no sign-off with id {UntrustedText.Bound(signOffId, 100)}");
            }

            var text = reason.StartsWith(WithdrawnPrefix, StringComparison.Ordinal) ? reason : $"{WithdrawnPrefix}: {reason}";
            if (!IsWithdrawn(signOff))
            {
                // A sign-off dismissed as stale earlier is withdrawn all the same: its reason is replaced.
                await SignOffStore.WithdrawAsync(scope, signOffId, text);
                await scope.AuditAsync("signoff.dismissed", actor, new JsonObject
                {
                    ["signOff"] = signOffId,
                    ["change"] = row.Id,
                    ["person"] = signOff.PersonId,
                    ["reason"] = UntrustedText.Bound(text, SignOffStore.MaxDismissedReason),
                });
            }

            if (!(await stored.InputsAsync(c, t, row)).Succeeded(out var inputs, out var problem))
            {
                return problem;
            }

            var after = stored.Evaluate(inputs, await SignOffStore.ForChangeAsync(c, t, row.Repository, row.ChangeKey, row.PatchId), scope.Now);
            var state = await StoredChanges.RecordAsync(scope, row, after, actor, revisionChanged: false);
            return ChangeViews.View((await ChangeStore.GetAsync(c, t, changeId))!, state);
        }, time.GetUtcNow(), cancellation);

    /// <summary>True when the sign-off was withdrawn by its reviewer (never counts again).</summary>
    /// <param name="signOff">A stored sign-off.</param>
    public static bool IsWithdrawn(SignOffView signOff) =>
        signOff.DismissedAt is not null && signOff.DismissedReason is { } reason && reason.StartsWith(WithdrawnPrefix, StringComparison.Ordinal);

    /// <summary>The sign-offs the policy counts: every stored one but the withdrawn (a stale one is judged stale again by the policy).</summary>
    /// <param name="signOffs">The stored sign-offs.</param>
    public static IReadOnlyList<SignOff> Counting(IEnumerable<SignOffView> signOffs) =>
        [.. signOffs.Where(s => !IsWithdrawn(s)).Select(s => s.ToSignOff())];

    /// <summary>The DSSE envelope issued for a sign-off.</summary>
    /// <param name="signOffId">The sign-off id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<JsonNode>> AttestationAsync(string signOffId, CancellationToken cancellation) =>
        await database.ReadAsync(connection => SignOffStore.AttestationAsync(connection, signOffId), cancellation) is { } text
            ? JsonNode.Parse(text)!
            : new Problem.NotFound($"no sign-off with id {UntrustedText.Bound(signOffId, 100)}");
}
