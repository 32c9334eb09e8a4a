using System.Text.Json.Nodes;
using Countersign.Contracts;
using Countersign.Core.Text;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>
/// The write half of <see cref="ChangeService.RegisterAsync"/>: a new change, a new revision (new content), or new
/// documents for the same content — each audited — then the change evaluated and the outcome recorded, in one transaction.
/// </summary>
internal static class ChangeRegistrar
{
    public static async Task<Outcome<ChangeView>> WriteAsync(
        WriteScope scope, ServerEvaluator evaluator, StoredChanges stored, ChangeRegistration registration, RegisteredDocuments documents, string actor)
    {
        var c = scope.Connection;
        var t = scope.Transaction;
        var facts = registration.Facts;
        // The policy must compile against the directory before anything is written: a refused registration stores nothing.
        if (!evaluator.Compile(registration.Policy, await evaluator.OrgAsync(c, t), documents.PolicyHash).Succeeded(out _, out var invalid))
        {
            return invalid;
        }

        var row = await ChangeStore.FindAsync(c, t, registration.Repository, facts.Key);
        var revisionChanged = true;
        if (row is null)
        {
            var id = await ChangeStore.InsertAsync(scope, registration.Repository, facts);
            await RevisionStore.InsertAsync(scope, id, 1, facts, documents);
            await scope.AuditAsync("change.registered", actor, new JsonObject
            {
                ["change"] = id,
                ["repository"] = registration.Repository,
                ["key"] = facts.Key,
                ["revision"] = 1,
                ["head"] = facts.HeadSha,
                ["patchId"] = facts.PatchId,
                ["title"] = UntrustedText.Bound(facts.Title, 200),
                ["factsHash"] = documents.FactsHash,
                ["policyHash"] = documents.PolicyHash,
            });
        }
        else if (row.HeadSha != facts.HeadSha || row.PatchId != facts.PatchId)
        {
            var number = row.Revision + 1;
            await RevisionStore.InsertAsync(scope, row.Id, number, facts, documents);
            await ChangeStore.MoveToRevisionAsync(scope, row.Id, number, facts);
            await scope.AuditAsync("change.revision-added", actor, new JsonObject
            {
                ["change"] = row.Id,
                ["revision"] = number,
                ["head"] = facts.HeadSha,
                ["patchId"] = facts.PatchId,
                ["previousPatchId"] = row.PatchId,
                ["factsHash"] = documents.FactsHash,
                ["policyHash"] = documents.PolicyHash,
            });
        }
        else
        {
            revisionChanged = false;
            var current = await RevisionStore.CurrentAsync(c, t, row);
            if (current.FactsHash != documents.FactsHash || current.PolicyHash != documents.PolicyHash)
            {
                await RevisionStore.ReplaceDocumentsAsync(scope, row, documents);
                await ChangeStore.RetitleAsync(scope, row.Id, facts.Title);
                await scope.AuditAsync("change.updated", actor, new JsonObject
                {
                    ["change"] = row.Id,
                    ["revision"] = row.Revision,
                    ["factsChanged"] = current.FactsHash != documents.FactsHash,
                    ["policyChanged"] = current.PolicyHash != documents.PolicyHash,
                    ["policySource"] = registration.Policy.Source,
                    ["factsHash"] = documents.FactsHash,
                    ["policyHash"] = documents.PolicyHash,
                });
            }
        }

        row = (await ChangeStore.FindAsync(c, t, registration.Repository, facts.Key))!;
        // The same bundle against the same directory in the same transaction: it compiles as it did above.
        var inputs = (await stored.InputsAsync(c, t, row)).OrThrow();
        var signOffs = await SignOffStore.ForChangeAsync(c, t, row.Repository, row.ChangeKey, row.PatchId);
        var state = await StoredChanges.RecordAsync(scope, row, stored.Evaluate(inputs, signOffs, scope.Now), actor, revisionChanged);
        return ChangeViews.View((await ChangeStore.GetAsync(c, t, row.Id))!, state);
    }
}
