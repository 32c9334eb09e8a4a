using Countersign.Contracts;
using Countersign.Core.Text;
using Countersign.Engine.Enforcement;
using Countersign.Git;
using Countersign.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>
/// Decides a registered repository's deploy from the server's own mirror: the catalog, policy and directory at the
/// shipping revision (<see cref="TrustedPolicy.Load"/>, as <c>deploy-gate</c> reads them), and every change landed
/// between the running and the shipping revision that touches or reaches the service (<see cref="DeployContents"/>,
/// the call <c>deploy-gate</c> makes). The decision itself is <see cref="DeployService"/>'s, with the server's directory
/// and sign-offs (<c>DeployGate.Decide</c>). A client supplies only the repository, service, environment and revisions.
/// </summary>
public sealed class ServerBuiltDeploys(ServerDatabase database, MirrorStore mirrors, DeployService deploys)
{
    /// <summary>Fetches, finds what ships, decides and records; the decision says <c>builtBy: server</c>.</summary>
    /// <param name="request">The deploy.</param>
    /// <param name="actor">The token asking.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<DeployDecisionView>> DeployAsync(DeployBuildRequest request, string actor, CancellationToken cancellation)
    {
        if (Validation.Check(request) is { } invalid)
        {
            return invalid;
        }

        var repository = await database.ReadAsync(c => RepositoryStore.FindAsync(c, request.Repository), cancellation);
        if (repository is null)
        {
            return new Problem.Unprocessable("Repository not registered",
                $"{UntrustedText.ForTerminal(request.Repository, 200)} is not registered on this server, so it cannot read what the deploy ships: register it (POST /api/v1/repositories) or send the shipped changes and the policy",
                "reasons", []);
        }

        if (!(await mirrors.FetchAsync(repository, m => Has(m.Repository, request.From) && Has(m.Repository, request.To), cancellation)).Succeeded(out var snapshot, out var unfetched))
        {
            return unfetched;
        }

        var found = await Task.Run(() => Read(snapshot.Repository, request), cancellation);
        if (!found.Succeeded(out var deploy, out var problem))
        {
            return problem;
        }

        return (await deploys.DeployAsync(deploy, actor, cancellation)).Map(view => view with { BuiltBy = "server" });
    }

    /// <summary>The deploy as the mirror has it: what ships, the policy and the .mailmap at <see cref="DeployBuildRequest.To"/>.</summary>
    private static Outcome<DeployRequest> Read(GitRepository mirror, DeployBuildRequest request)
    {
        var unknown = Unknown(mirror, request, "to", request.To) ?? (request.From is { } from ? Unknown(mirror, request, "from", from) : null);
        if (unknown is not null)
        {
            return unknown;
        }

        var landed = LandedChange.Between(mirror, request.From, request.To);
        if (landed.Count > Validation.MaxShipped)
        {
            return new Problem.Unprocessable("Deploy too large",
                $"{landed.Count} changes landed between from and to; the server builds at most {Validation.MaxShipped} for one deploy: deploy from a later running revision",
                "reasons", []);
        }

        var governing = TrustedPolicy.Load(mirror, request.To, null, mirror.Path);
        if (governing.Policy is null || governing.Bundle is null)
        {
            return new Problem.Unprocessable("Configuration refused",
                $"the trusted configuration at {request.To[..12]} of {request.Repository} has errors; nothing was decided",
                "reasons", [.. governing.Errors.Select(e => UntrustedText.ForTerminal(e.ToString(), 500))]);
        }

        if (DeployContents.Component(governing.Trusted, request.Service) is not { } component)
        {
            var known = string.Join(", ", DeployContents.Known(governing.Trusted));
            return new Problem.Unprocessable("Unknown service",
                $"no catalog component is named '{UntrustedText.ForTerminal(request.Service, 200)}' at {request.To[..12]} of {request.Repository} (known: {(known.Length == 0 ? "none" : known)})",
                "reasons", []);
        }

        var shipped = DeployContents.Ships(mirror, landed, governing.Trusted, component);
        return new DeployRequest(request.Repository, component.Name, request.Environment, request.From, request.To, governing.Bundle,
            [.. shipped.Select(s => new ShippedChange(s.Commit, s.Change))], governing.Trusted.MailmapText);
    }

    /// <summary>A 422 naming the field when <paramref name="sha"/> is not a commit a ref of the remote reaches.</summary>
    private static Problem? Unknown(GitRepository mirror, DeployBuildRequest request, string field, string sha) =>
        Has(mirror, sha) && GitMirror.IsReachable(mirror, sha)
            ? null
            : new Problem.Unprocessable("Unknown revision",
                $"{field} '{sha}' is not in {request.Repository} after fetching it: the commit was never pushed, or the history holding it was rewritten",
                "fields", [field]);

    private static bool Has(GitRepository mirror, string? sha)
    {
        if (sha is null)
        {
            return true;
        }

        try
        {
            return string.Equals(mirror.ResolveCommit(sha), sha, StringComparison.OrdinalIgnoreCase);
        }
        catch (GitCommandException)
        {
            return false;
        }
    }
}
