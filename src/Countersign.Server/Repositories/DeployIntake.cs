using Countersign.Contracts;
using Countersign.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>
/// Decides which path finds what a deploy ships. A registered repository's deploy is read by the server from its
/// mirror (<see cref="ServerBuiltDeploys"/>): changes or a policy a client sends for one are refused (409) and nothing is
/// stored, whatever the token. Any other repository's deploy is decided from the changes CI sends, believed as far as
/// its token is trusted. The answer names the path (<c>builtBy</c>).
/// </summary>
public sealed class DeployIntake(ServerDatabase database, DeployService deploys, ServerBuiltDeploys built)
{
    /// <summary>Decides and records the deploy by the path its repository takes.</summary>
    /// <param name="submission">The request body.</param>
    /// <param name="actor">The token asking.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<DeployDecisionView>> DeployAsync(DeploySubmission submission, string actor, CancellationToken cancellation)
    {
        if (submission.AsksServerToBuild)
        {
            return await built.DeployAsync(submission.AsBuildRequest(), actor, cancellation);
        }

        if (!string.IsNullOrEmpty(submission.Repository)
            && await database.ReadAsync(c => RepositoryStore.FindAsync(c, submission.Repository), cancellation) is not null)
        {
            return new Problem.Conflict(
                $"{submission.Repository} is registered: the server reads what its deploys ship from its own mirror and believes no changes or policy sent by a client. "
                + "Send {\"repository\", \"service\", \"environment\", \"from\", \"to\"} only; nothing was stored");
        }

        return (await deploys.DeployAsync(submission.AsRequest(), actor, cancellation)).Map(view => view with { BuiltBy = "client" });
    }
}
