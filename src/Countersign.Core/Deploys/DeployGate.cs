using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Deploys;

/// <summary>
/// The deploy decision, shared by <c>countersign deploy-gate</c> and the server's <c>POST /api/v1/deploys</c>: which
/// landed changes a deploy of a service ships (<see cref="Ships"/>), and whether it may go (<see cref="Decide"/>).
/// Each shipped change is evaluated at the deploy's environment, so a freeze that names the environment holds it; the
/// deploy goes only when every one passes.
/// </summary>
public static class DeployGate
{
    /// <summary>Whether a deploy of the component <paramref name="componentRef"/> ships <paramref name="change"/>: it touches or reaches it.</summary>
    /// <param name="change">A change that landed between the running and the shipping revision.</param>
    /// <param name="componentRef">The deployed component's catalog reference (<c>component:default/payments</c>).</param>
    public static bool Ships(ChangeFacts change, string componentRef) =>
        change.BlastRadius.Touched.Any(t => t.Ref == componentRef) || change.BlastRadius.Reached.Any(r => r.Ref == componentRef);

    /// <summary>Decides a deploy of <paramref name="shipped"/> to <paramref name="target"/>.</summary>
    /// <param name="policy">The policy at the shipping revision.</param>
    /// <param name="shipped">The changes the deploy ships, each with its sign-offs.</param>
    /// <param name="target">The environment, the directory and the time.</param>
    public static DeployVerdict Decide(CompiledPolicy policy, IReadOnlyList<DeployCandidate> shipped, DeployTarget target)
    {
        var verdicts = new List<DeployChangeVerdict>(shipped.Count);
        foreach (var candidate in shipped)
        {
            var context = new EvaluationContext(candidate.Change, target.Org, target.Identities, target.Now)
            {
                Environment = target.Environment,
                DirectoryName = target.DirectoryName,
            };
            verdicts.Add(new DeployChangeVerdict(candidate.Commit, candidate.Change, candidate.SignOffs, PolicyEvaluator.Evaluate(policy, context, candidate.SignOffs)));
        }

        return new DeployVerdict(verdicts.All(v => v.Passed), verdicts);
    }
}
