using Countersign.Core.Changes;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Backtesting;

/// <summary>
/// One landed change replayed through a policy: the first-parent commit that landed it (a merge, a squash, a direct
/// push), the rules that would have applied with no sign-offs, and — once labelled — whether later history reverted
/// or fixed it.
/// </summary>
/// <param name="Sha">The commit on the branch's first-parent line that landed the change.</param>
/// <param name="IsMerge">True for a merge commit (the change is its second parent's side).</param>
/// <param name="LandedAt">The committer date of <paramref name="Sha"/>: when the change landed, and when it is evaluated.</param>
/// <param name="Subject">Untrusted and bounded.</param>
/// <param name="LinesAdded">Lines added by the change's diff.</param>
/// <param name="Commits">Every commit the change brought, <paramref name="Sha"/> included: what a revert or fix may name.</param>
/// <param name="AppliedRules">Rules whose conditions held, in policy order.</param>
/// <param name="Frozen">True when a freeze window was in force when it landed.</param>
public sealed record BacktestChange(
    string Sha,
    bool IsMerge,
    DateTimeOffset LandedAt,
    string Subject,
    int LinesAdded,
    IReadOnlyList<string> Commits,
    IReadOnlyList<AppliedRule> AppliedRules,
    bool Frozen)
{
    /// <summary>The later commits that reverted or fixed one of <see cref="Commits"/>; empty for a change not (yet) known bad.</summary>
    public IReadOnlyList<OutcomeLink> BadBecause { get; init; } = [];

    public bool Bad => BadBecause.Count > 0;

    /// <summary>The policy flags the change: some rule, in either mode, applied and would have asked for sign-off.</summary>
    public bool NeedsSignOff => AppliedRules.Count > 0;

    public bool NeedsEnforcedSignOff => AppliedRules.Any(r => r.Mode == RuleMode.Enforce);

    /// <summary>Describes a change from its facts and the policy's verdict on it without sign-offs.</summary>
    public static BacktestChange From(string sha, bool isMerge, DateTimeOffset landedAt, string subject, ChangeFacts change, PolicyResult result)
    {
        var applied = result.Rules
            .Where(r => r.Status != RuleStatus.Skipped)
            .Select(r => new AppliedRule(r.Name, r.Mode, r.Requirement?.Needed ?? 0, r.Requirement?.Candidates ?? []))
            .ToList();
        var commits = change.Commits.Select(c => c.Sha).Append(sha).Distinct(StringComparer.Ordinal).ToList();
        return new BacktestChange(sha, isMerge, landedAt, subject, change.LinesAdded, commits, applied, result.Freezes.Any(f => f.Blocks));
    }
}
