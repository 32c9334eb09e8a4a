using Countersign.Core.Policy.Conditions;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Evaluates a compiled policy on one change with its sign-offs. Pure and cheap: compile a policy once, evaluate it
/// for every change; nothing is parsed or compiled here.
/// <para>
/// The verdict, first match wins: <see cref="OverallStatus.Rejected"/> when an enforced rule is disapproved;
/// <see cref="OverallStatus.Pending"/> when an enforced rule still needs sign-offs (the summary also names a freeze in
/// force, so nobody is surprised once the sign-offs are in); <see cref="OverallStatus.Frozen"/> when a freeze holds
/// the change; otherwise <see cref="OverallStatus.Satisfied"/>. Warn-mode rules are evaluated and reported, never
/// blocking.
/// </para>
/// <para>
/// A valid break-glass turns any of the three into <see cref="OverallStatus.Satisfied"/> — a rejection too: a
/// rejection is a human "no", and break-glass exists for the emergency in which someone accountable overrides it, as
/// GitLab's approval bypass does; the override is on the record and its review deadline runs. An overdue review is
/// flagged in the summary whatever the verdict. An invalid break-glass passes nothing and says why.
/// </para>
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>Evaluates <paramref name="policy"/> on the change in <paramref name="context"/>.</summary>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="context">The change, the directory, the time and (at the deploy gate) the environment.</param>
    /// <param name="signOffs">
    /// The sign-offs filed under the change's key or given for its patch identity, in any order. Each person's latest
    /// approval or rejection is their word; the latest break-glass is the one judged.
    /// </param>
    public static PolicyResult Evaluate(CompiledPolicy policy, EvaluationContext context, IReadOnlyList<SignOff> signOffs)
    {
        var (current, glasses) = Split(signOffs);
        var eligibility = new Eligibility(context);
        var rules = new List<RuleResult>(policy.Rules.Count);
        var enforced = new List<PolicyRule>();
        foreach (var rule in policy.Rules)
        {
            var condition = rule.If?.Evaluate(context);
            if (condition is { Matched: false })
            {
                rules.Add(new RuleResult(rule.Name, rule.Description, rule.Mode, RuleStatus.Skipped, $"skipped: {condition.Explanation}", condition, null, rule.Position));
                continue;
            }

            if (rule.Mode == RuleMode.Enforce)
            {
                enforced.Add(rule);
            }

            var (status, requirement) = RequirementEvaluator.Evaluate(rule, context, eligibility, current);
            var summary = status == RuleStatus.Approved
                ? $"approved by {string.Join(", ", requirement.Counted.Select(c => c.Team is null ? c.PersonName : $"{c.PersonName} for team {c.Team}"))}"
                : requirement.Missing;
            rules.Add(new RuleResult(rule.Name, rule.Description, rule.Mode, status, summary, condition, requirement, rule.Position));
        }

        var freezes = FreezeEvaluator.Evaluate(policy, context);
        var glass = BreakGlassEvaluator.Evaluate(policy, context, eligibility, glasses, current, enforced);
        var (verdict, text) = Verdict(rules, freezes, glass);
        return new PolicyResult(verdict, text, rules, freezes, glass, context.Change.Key, context.Change.PatchId, context.Now);
    }

    /// <summary>
    /// Whether evaluating <paramref name="policy"/> with <paramref name="signOffs"/> may give another result at another
    /// time, <see cref="PolicyResult.EvaluatedAt"/> aside: true with a freeze window, a <c>time</c> condition in a rule
    /// (or a condition this method does not know to be free of the clock), or a break-glass whose review deadline runs.
    /// When false, a result evaluated earlier on the same change, directory and sign-offs is the result now — what lets
    /// a host answer a repeated question without evaluating again.
    /// </summary>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="signOffs">The sign-offs the evaluation reads.</param>
    public static bool DependsOnTime(CompiledPolicy policy, IReadOnlyList<SignOff> signOffs) =>
        policy.Freezes.Count > 0
        || signOffs.Any(s => s.Kind == SignOffKind.BreakGlass)
        || policy.Rules.Any(r => r.If is { } condition && ReadsTheClock(condition));

    private static bool ReadsTheClock(ICondition condition) => condition switch
    {
        AllCondition all => all.Children.Any(ReadsTheClock),
        AnyCondition any => any.Children.Any(ReadsTheClock),
        NotCondition not => ReadsTheClock(not.Child),
        PathsCondition or ProvenanceCondition or PeopleCondition or RiskCondition or SizeCondition or TierCondition
            or BlastRadiusCondition or BranchCondition or LabelsCondition or ComponentsCondition => false,
        _ => true, // a time condition, or a kind of condition added since: assume it reads the clock
    };

    /// <summary>Each person's latest approval or rejection (ties: the later in the list), and the break-glasses, both oldest first.</summary>
    private static (List<SignOff> Current, List<SignOff> Glasses) Split(IReadOnlyList<SignOff> signOffs)
    {
        var latest = new Dictionary<string, SignOff>(StringComparer.Ordinal);
        var glasses = new List<SignOff>();
        foreach (var signOff in signOffs)
        {
            if (signOff.Kind == SignOffKind.BreakGlass)
            {
                glasses.Add(signOff);
            }
            else if (!latest.TryGetValue(signOff.PersonId, out var seen) || signOff.At >= seen.At)
            {
                latest[signOff.PersonId] = signOff;
            }
        }

        return (latest.Values.OrderBy(s => s.At).ToList(), glasses.OrderBy(s => s.At).ToList());
    }

    private static (OverallStatus, string) Verdict(List<RuleResult> rules, IReadOnlyList<FreezeResult> freezes, BreakGlassResult? glass)
    {
        var enforced = rules.Where(r => r.Mode == RuleMode.Enforce && r.Status != RuleStatus.Skipped).ToList();
        var rejected = enforced.Where(r => r.Status == RuleStatus.Disapproved).ToList();
        var pending = enforced.Where(r => r.Status == RuleStatus.Pending).ToList();
        var frozen = freezes.Where(f => f.Blocks).Select(f => f.Name).ToList();
        var warnings = rules.Count(r => r.Mode == RuleMode.Warn && r.Status is RuleStatus.Pending or RuleStatus.Disapproved);
        var notes = warnings == 0 ? "" : $"; {warnings} warn-only rule{Plural(warnings)} not met";
        var blocked = rejected.Count + pending.Count + frozen.Count > 0;
        if (glass is { Valid: true })
        {
            if (blocked)
            {
                var review = glass.Overdue ? "its review is OVERDUE" : glass.Reviewed ? "since reviewed" : "review pending";
                var over = rejected.Select(r => $"{r.Name} ({r.Requirement!.Missing.Split(';')[0]})")
                    .Concat(pending.Select(r => $"{r.Name} (pending)"))
                    .Concat(frozen.Select(f => $"freeze {f}"));
                return (OverallStatus.Satisfied, $"passed by break-glass from {glass.PersonName} ({review}), over {string.Join(", ", over)}{notes}");
            }

            if (glass.Overdue)
            {
                notes += $"; break-glass from {glass.PersonName}: {glass.Explanation}";
            }
        }
        else if (glass is not null && blocked)
        {
            notes += $"; the break-glass from {glass.PersonName} is {glass.Explanation}";
        }

        if (rejected.Count > 0)
        {
            return (OverallStatus.Rejected, string.Join("; ", rejected.Select(r => $"{r.Name} {r.Requirement!.Missing.Split(';')[0]}")) + notes);
        }

        var freezeText = frozen.Count == 0 ? "" : $"freeze{Plural(frozen.Count)} {string.Join(", ", frozen)} {(frozen.Count == 1 ? "is" : "are")} in force";
        if (pending.Count > 0)
        {
            var first = pending[0];
            var also = frozen.Count == 0 ? "" : $"; {freezeText} too";
            return (OverallStatus.Pending,
                $"{pending.Count} of {enforced.Count} applying enforced rule{Plural(enforced.Count)} {(pending.Count == 1 ? "needs" : "need")} sign-off ({first.Name}: {first.Requirement!.Missing}){also}{notes}");
        }

        if (frozen.Count > 0)
        {
            return (OverallStatus.Frozen, freezeText + notes);
        }

        var text = enforced.Count == 0
            ? "no enforced rule applies to this change"
            : $"all {enforced.Count} applying enforced rule{(enforced.Count == 1 ? " is" : "s are")} signed off";
        return (OverallStatus.Satisfied, text + notes);
    }

    private static string Plural(int count) => count == 1 ? "" : "s";
}
