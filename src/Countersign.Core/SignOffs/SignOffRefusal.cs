using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.SignOffs;

/// <summary>
/// Whether a sign-off would count, judged before it is stored: the policy is evaluated with the sign-off added
/// (<c>simulated</c>) and the sign-off must be counted by, or reject, at least one applying rule — or, for a
/// break-glass, be the valid one. The CLI and the server both refuse with these reasons, so a refused sign-off is
/// never recorded anywhere.
/// </summary>
public static class SignOffRefusal
{
    /// <summary>Null when the sign-off counts; otherwise one line per applying rule saying why it would not.</summary>
    /// <param name="kind">What the reviewer is doing.</param>
    /// <param name="signOff">The sign-off that is not stored yet.</param>
    /// <param name="simulated">The policy's result with <paramref name="signOff"/> among the sign-offs.</param>
    public static IReadOnlyList<string>? Reasons(SignOffKind kind, SignOff signOff, PolicyResult simulated)
    {
        if (kind == SignOffKind.BreakGlass)
        {
            return simulated.BreakGlass is { Valid: true } ? null : [simulated.BreakGlass?.Explanation ?? "the policy has no break_glass section"];
        }

        var applying = simulated.Rules.Where(r => r.Requirement is not null).ToList();
        if (applying.Count == 0)
        {
            return null;
        }

        bool Counts(RequirementResult q) => kind == SignOffKind.Approve
            ? q.Counted.Any(c => c.SignOff.Id == signOff.Id)
            : q.Rejections.Any(c => c.SignOff.Id == signOff.Id);
        if (applying.Any(r => Counts(r.Requirement!)))
        {
            return null;
        }

        return applying
            .Select(r => (r.Name, Note: r.Requirement!.NotCounted.Concat(r.Requirement.Dismissed).FirstOrDefault(n => n.SignOff.Id == signOff.Id)))
            .Select(x => $"{x.Name}: {x.Note?.Reason ?? "it would not count (the rule already has what it needs from you)"}")
            .ToList();
    }

    /// <summary>The rules <paramref name="signOff"/> counts for (or rejects) in <paramref name="result"/>; the attestation names them.</summary>
    /// <param name="signOff">A stored or simulated sign-off.</param>
    /// <param name="result">A result evaluated with <paramref name="signOff"/> among the sign-offs.</param>
    public static IReadOnlyList<string> RulesSatisfied(SignOff signOff, PolicyResult result) =>
        signOff.Kind == SignOffKind.BreakGlass
            ? result.BreakGlass is { Valid: true } ? ["break-glass"] : []
            : result.Rules.Where(r => r.Requirement is { } q && (signOff.Kind == SignOffKind.Approve
                    ? q.Counted.Any(c => c.SignOff.Id == signOff.Id)
                    : q.Rejections.Any(c => c.SignOff.Id == signOff.Id)))
                .Select(r => r.Name).ToList();
}
