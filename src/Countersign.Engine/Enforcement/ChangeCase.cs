using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Engine.Changes;
using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// One change opened for a decision: its facts, and the trusted configuration and policy read from the branch it goes
/// into. Evaluating it needs only the sign-offs, which each host keeps its own way (a local store, a server).
/// </summary>
/// <param name="Repository">The repository the change was read from.</param>
/// <param name="Trusted">The configuration read from the target branch: the evaluation resolves people with it.</param>
/// <param name="Policy">The policy committed on the target branch (or given on the command line).</param>
/// <param name="Bundle">The policy as read, for a server to compile the same policy.</param>
/// <param name="Change">The change's facts, with its key settled.</param>
/// <param name="Warnings">Warnings from the configuration, the policy and building the change (errors stop a case from opening).</param>
public sealed record ChangeCase(
    GitRepository Repository,
    TrustedConfiguration Trusted,
    CompiledPolicy Policy,
    PolicyBundle? Bundle,
    ChangeFacts Change,
    IReadOnlyList<Diagnostic> Warnings)
{
    public OrgDirectory Org => Trusted.Directory;

    /// <summary>The policy's verdict on the change with <paramref name="signOffs"/>, at <paramref name="now"/>, for a deploy to <paramref name="environment"/> if given.</summary>
    public PolicyResult Evaluate(IReadOnlyList<SignOff> signOffs, DateTimeOffset now, string? environment = null) =>
        PolicyEvaluator.Evaluate(Policy, new EvaluationContext(Change, Trusted.Directory, Trusted.Resolver, now)
        {
            Environment = environment,
            DirectoryName = Trusted.DirectorySource,
        }, signOffs);
}
