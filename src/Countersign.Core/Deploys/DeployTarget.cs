using Countersign.Core.Organisation;

namespace Countersign.Core.Deploys;

/// <summary>Where and when a deploy goes, and the directory its changes are judged against.</summary>
public sealed record DeployTarget(string Environment, OrgDirectory Org, IdentityResolver Identities, DateTimeOffset Now)
{
    /// <summary>How messages name the directory (see <see cref="Policy.Evaluation.EvaluationContext.DirectoryName"/>).</summary>
    public string DirectoryName { get; init; } = "the org directory";
}
