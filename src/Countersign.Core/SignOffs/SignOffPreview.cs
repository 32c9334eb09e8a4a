using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.SignOffs;

/// <summary>
/// The one place that decides whether a sign-off would count, before anything is stored: the policy is evaluated once
/// with the hypothetical sign-off among the existing ones, and <see cref="SignOffRefusal"/> reads the result. The
/// command line's <c>approve</c>, the server's <c>POST …/signoffs</c> and the dashboard's buttons all ask here, so a
/// sign-off one of them refuses is refused by all of them, for the same reasons.
/// </summary>
public static class SignOffPreview
{
    /// <summary>Judges <paramref name="hypothetical"/> on the change in <paramref name="context"/>.</summary>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="context">The change, the directory and the time.</param>
    /// <param name="existing">The sign-offs already recorded for the change.</param>
    /// <param name="hypothetical">The sign-off being considered (not stored).</param>
    public static SignOffJudgement Judge(CompiledPolicy policy, EvaluationContext context, IReadOnlyList<SignOff> existing, SignOff hypothetical)
    {
        var simulated = PolicyEvaluator.Evaluate(policy, context, [.. existing, hypothetical]);
        var refusal = SignOffRefusal.Reasons(hypothetical.Kind, hypothetical, simulated);
        return new SignOffJudgement(hypothetical, simulated, refusal, refusal is null ? SignOffRefusal.RulesSatisfied(hypothetical, simulated) : []);
    }
}
