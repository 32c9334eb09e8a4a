using Countersign.Core.Changes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Deploys;

/// <summary>The verdict on one shipped change: the policy's result at the deploy's environment, with the sign-offs it saw.</summary>
public sealed record DeployChangeVerdict(string Commit, ChangeFacts Change, IReadOnlyList<SignOff> SignOffs, PolicyResult Result)
{
    public bool Passed => Result.Passed;

    /// <summary>The change's title (a merge's pull request title), or empty; untrusted text.</summary>
    public string Subject => Change.Title ?? "";
}
