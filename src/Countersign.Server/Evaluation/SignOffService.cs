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
    /// <summary>
    /// Records a sign-off by <paramref name="personId"/> on the change's current content, after checking on the server
    /// that it counts. The policy is evaluated twice: once with the sign-off added, before anything is written (does
    /// it count? <see cref="SignOffPreview"/>), and once after, from what is stored. A change that is not there,
    /// content that moved on (a conflict), a person no longer in the directory (forbidden) and a sign-off that would
    /// not count (unprocessable) are problems, and store nothing.
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

        return await database.WriteAsync<Outcome<SignOffResponse>>(async scope =>
        {
            var c = scope.Connection;
            var t = scope.Transaction;
            if (await ChangeStore.GetAsync(c, t, id) is not { } row)
            {
                return ChangeService.NoSuchChange(id);
            }

            if (!string.Equals(request.PatchId, row.PatchId, StringComparison.OrdinalIgnoreCase))
            {
                return new Problem.Conflict($"the change's content moved on: the server has revision {row.Revision} with patch {row.PatchId}, the sign-off is for patch {request.PatchId}; look at the current revision and sign again");
            }

            var directory = await evaluator.OrgAsync(c, t);
            if (directory.Org.FindPerson(personId) is not { } person)
            {
                return new Problem.Forbidden($"the token's person '{UntrustedText.Bound(personId, 100)}' is not (or no longer) in the org directory, so it cannot sign off");
            }

            var revision = await RevisionStore.CurrentAsync(c, t, row);
            if (!(await stored.InputsAsync(c, t, row, revision, directory.Version)).Succeeded(out var inputs, out var problem))
            {
                return problem;
            }

            var existing = await SignOffStore.ForChangeAsync(c, t, row.Repository, row.ChangeKey, row.PatchId);
            var signOff = new SignOff(
                Guid.NewGuid().ToString("n"), row.ChangeKey, person.Id, request.Kind, row.PatchId, inputs.Facts.FilePatchIds, row.HeadSha, scope.Now,
                UntrustedText.Bound(request.Comment, SignOff.MaxCommentLength));
            var judgement = SignOffPreview.Judge(inputs.Policy, stored.Context(inputs, scope.Now), [.. existing.Select(s => s.ToSignOff())], signOff);
            if (judgement.Refusal is { } reasons)
            {
                return new Problem.Unprocessable(
                    "Sign-off refused",
                    $"{person.Name} cannot {SignOffWords.Verb(request.Kind)} this change; nothing was recorded: {string.Join("; ", reasons)}",
                    "reasons",
                    reasons);
            }

            var kind = SignOffRow.KindName(request.Kind);
            var statement = SignOffAttestation.Statement(row.Repository, row.HeadSha, row.ChangeKey, row.PatchId, person.Id, string.Join(",", judgement.Rules), scope.Now, kind);
            var envelope = JsonSerializer.Serialize(signer.Sign(statement));
            await SignOffStore.InsertAsync(scope, row, signOff, judgement.Rules, envelope);
            await scope.AuditAsync($"signoff.{kind}", actor, new JsonObject
            {
                ["signOff"] = signOff.Id,
                ["change"] = row.Id,
                ["key"] = row.ChangeKey,
                ["person"] = person.Id,
                ["patchId"] = row.PatchId,
                ["revision"] = row.Revision,
                ["rules"] = new JsonArray([.. judgement.Rules.Select(r => (JsonNode)r)]),
                ["comment"] = UntrustedText.Bound(signOff.Comment, 500),
                ["attestationSha256"] = ChangeService.Hash(envelope),
            });

            var after = stored.Evaluate(inputs, await SignOffStore.ForChangeAsync(c, t, row.Repository, row.ChangeKey, row.PatchId), scope.Now);
            var state = await StoredChanges.RecordAsync(scope, row, after, actor, revisionChanged: false);
            var recorded = state.SignOffs.First(s => s.Id == signOff.Id);
            metrics.SignedOff(kind, scope.Now - Db.ParseTime(revision.CreatedAt));
            return new SignOffResponse(recorded, JsonNode.Parse(envelope)!, ChangeViews.View((await ChangeStore.GetAsync(c, t, id))!, state));
        }, time.GetUtcNow(), cancellation);
    }

    /// <summary>The DSSE envelope issued for a sign-off.</summary>
    /// <param name="signOffId">The sign-off id.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<JsonNode>> AttestationAsync(string signOffId, CancellationToken cancellation) =>
        await database.ReadAsync(connection => SignOffStore.AttestationAsync(connection, signOffId), cancellation) is { } text
            ? JsonNode.Parse(text)!
            : new Problem.NotFound($"no sign-off with id {UntrustedText.Bound(signOffId, 100)}");
}
