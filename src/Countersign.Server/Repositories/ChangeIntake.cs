using Countersign.Contracts;
using Countersign.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>
/// Decides which path builds a registered change. A registered repository's changes are built by the server from its
/// mirror: facts a client sends for one are refused (409) and nothing is stored, whatever the token. An unregistered
/// repository's changes are built by CI and believed as far as its token is trusted. The answer names the path.
/// </summary>
public sealed class ChangeIntake(ServerDatabase database, ChangeService changes, ServerBuiltChanges built)
{
    /// <summary>Registers the change by the path its repository takes.</summary>
    /// <param name="submission">The request body.</param>
    /// <param name="actor">The token asking.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<ChangeView>> RegisterAsync(ChangeSubmission submission, string actor, CancellationToken cancellation)
    {
        if (submission.AsksServerToBuild)
        {
            return await built.RegisterAsync(submission.AsBuildRequest(), actor, cancellation);
        }

        if (!string.IsNullOrEmpty(submission.Repository)
            && await database.ReadAsync(c => RepositoryStore.FindAsync(c, submission.Repository), cancellation) is not null)
        {
            return new Problem.Conflict(
                $"{submission.Repository} is registered: the server builds its changes itself from its mirror and believes no facts sent by a client. "
                + "Send {\"repository\", \"key\", \"base\", \"head\"} without facts; nothing was stored");
        }

        return (await changes.RegisterAsync(submission.AsRegistration(), actor, cancellation)).Map(view => view with { BuiltBy = "client" });
    }
}
