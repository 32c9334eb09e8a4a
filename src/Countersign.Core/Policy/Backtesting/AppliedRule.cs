using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Backtesting;

/// <summary>
/// A rule that applied to a replayed change (its conditions held): how many sign-offs it needed and who could have
/// given them. <see cref="Candidates"/> is empty when nobody in the directory could.
/// </summary>
public sealed record AppliedRule(string Name, RuleMode Mode, int Needed, IReadOnlyList<Candidate> Candidates)
{
    /// <summary>
    /// The share of this change's reviews each candidate can expect: <see cref="Needed"/> approvals spread over the
    /// candidates, at most one each; 0 when nobody can give them.
    /// </summary>
    public double LoadPerCandidate => Candidates.Count == 0 ? 0 : Math.Min(1.0, (double)Needed / Candidates.Count);

    /// <summary>True when fewer people than needed could sign off: the change could not have passed.</summary>
    public bool Unsatisfiable => Candidates.Count < Needed;
}
