using Countersign.Core.Changes;
using Countersign.Core.Deploys;
using Countersign.Core.Ownership.Catalog;
using Countersign.Engine.Backtesting;
using Countersign.Engine.Changes;
using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// What a deploy ships, read from a repository: the service's catalog component at the shipping revision, and every
/// change that landed between the running and the shipping revision and touches or reaches it
/// (<see cref="DeployGate.Ships"/>), each built as <c>check</c> builds a change. <c>countersign deploy-gate</c> calls it
/// on the local clone, the server on its own mirror of a registered repository, so both ship the same changes.
/// </summary>
public static class DeployContents
{
    /// <summary>The catalog component a deploy names (by name or by reference, any case), or null.</summary>
    /// <param name="trusted">The configuration at the shipping revision.</param>
    /// <param name="service">The service as the deploy names it.</param>
    public static CatalogEntity? Component(TrustedConfiguration trusted, string service) =>
        trusted.Ownership.Catalog.Components.FirstOrDefault(c =>
            string.Equals(c.Name, service, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Ref.ToString(), service, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of the catalog's components, sorted, at most <paramref name="max"/> (for an unknown service's error).</summary>
    public static IReadOnlyList<string> Known(TrustedConfiguration trusted, int max = 20) =>
        [.. trusted.Ownership.Catalog.Components.Select(c => c.Name).Order(StringComparer.Ordinal).Take(max)];

    /// <summary>The changes landed between <paramref name="from"/> and <paramref name="to"/> that ship to <paramref name="component"/>, oldest first.</summary>
    /// <param name="repository">The repository (a clone or a mirror).</param>
    /// <param name="from">The running revision (exclusive), null for a first deploy.</param>
    /// <param name="to">The shipping revision.</param>
    /// <param name="trusted">The configuration at <paramref name="to"/>.</param>
    /// <param name="component">The deployed component.</param>
    /// <exception cref="GitCommandException">git failed.</exception>
    public static IReadOnlyList<(string Commit, ChangeFacts Change)> Ships(GitRepository repository, string? from, string to, TrustedConfiguration trusted, CatalogEntity component) =>
        Ships(repository, LandedChange.Between(repository, from, to), trusted, component);

    /// <summary>As <see cref="Ships(GitRepository, string?, string, TrustedConfiguration, CatalogEntity)"/>, for landed changes already listed.</summary>
    public static IReadOnlyList<(string Commit, ChangeFacts Change)> Ships(GitRepository repository, IReadOnlyList<LandedChange> landed, TrustedConfiguration trusted, CatalogEntity component)
    {
        var builder = new ChangeBuilder(repository);
        var componentRef = component.Ref.ToString();
        // A merge's subject names the branch it brought in (an agent's copilot/… branch marks the change as AI-assisted,
        // as at check time) and GitHub's carries the pull request's title: read them as backtest does.
        var merges = new GitLogReader(repository).Read(landed.Where(l => l.IsMerge).Select(l => l.Commit).ToList())
            .ToDictionary(c => c.Sha, StringComparer.Ordinal);
        var shipped = new List<(string Commit, ChangeFacts Change)>();
        foreach (var change in landed)
        {
            var merge = merges.GetValueOrDefault(change.Commit);
            var facts = builder.Build(new ChangeRequest(change.Base, change.Head, $"commit/{change.Commit}")
            {
                SourceBranch = merge is null ? null : HistoryReplay.SourceBranchOf(merge.Subject),
                Title = merge is null ? null : HistoryReplay.PullRequestTitle(merge.Message),
            }, trusted).Change;
            if (DeployGate.Ships(facts, componentRef))
            {
                shipped.Add((change.Commit, facts));
            }
        }

        return shipped;
    }
}
