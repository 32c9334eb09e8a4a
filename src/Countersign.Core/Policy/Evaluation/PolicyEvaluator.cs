using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Evaluates a compiled policy on one change with its sign-offs. Pure and cheap: compile a policy once, evaluate it
/// for every change. The verdict: <see cref="OverallStatus.Rejected"/> when an enforced rule is disapproved, else
/// <see cref="OverallStatus.Frozen"/> when a freeze holds the change, else <see cref="OverallStatus.Pending"/> when
/// an enforced rule still needs sign-offs, else <see cref="OverallStatus.Satisfied"/>. A valid break-glass lets any of
/// them through — a rejection too, as GitLab's bypass does — and is reported with its review deadline. Warn-mode
/// rules are evaluated and reported, never blocking.
/// </summary>
public static class PolicyEvaluator
{
    public static PolicyResult Evaluate(CompiledPolicy policy, EvaluationContext context, IReadOnlyList<SignOff> signOffs)
    {
        // A person's latest word counts: an approval after a rejection lifts it, a rejection after an approval revokes it.
        var current = signOffs.Where(s => s.Kind != SignOffKind.BreakGlass)
            .GroupBy(s => s.PersonId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.At)!)
            .OrderBy(s => s.At)
            .ToList();
        var eligibility = new Eligibility(context);
        var rules = new List<RuleResult>(policy.Rules.Count);
        foreach (var rule in policy.Rules)
        {
            var condition = rule.If?.Evaluate(context);
            if (condition is { Matched: false })
            {
                rules.Add(new RuleResult(rule.Name, rule.Description, rule.Mode, RuleStatus.Skipped, $"skipped: {condition.Explanation}", condition, null, rule.Position));
                continue;
            }

            var (status, requirement) = RequirementEvaluator.Evaluate(rule, context, eligibility, current);
            var summary = status switch
            {
                RuleStatus.Approved => $"approved by {string.Join(", ", requirement.Counted.Select(c => c.PersonName))}",
                _ => requirement.Missing,
            };
            rules.Add(new RuleResult(rule.Name, rule.Description, rule.Mode, status, summary, condition, requirement, rule.Position));
        }

        var freezes = FreezeEvaluator.Evaluate(policy, context);
        var glass = BreakGlassEvaluator.Evaluate(policy, context, signOffs, rules);
        var (verdict, text) = Verdict(rules, freezes, glass);
        return new PolicyResult(verdict, text, rules, freezes, glass, context.Change.Key, context.Change.PatchId, context.Now);
    }

    private static (OverallStatus, string) Verdict(List<RuleResult> rules, IReadOnlyList<FreezeResult> freezes, BreakGlassResult? glass)
    {
        var enforced = rules.Where(r => r.Mode == RuleMode.Enforce).ToList();
        var rejected = enforced.Where(r => r.Status == RuleStatus.Disapproved).ToList();
        var pending = enforced.Where(r => r.Status == RuleStatus.Pending).ToList();
        var frozen = freezes.Where(f => f.Blocks).ToList();
        var warnings = rules.Count(r => r.Mode == RuleMode.Warn && r.Status is RuleStatus.Pending or RuleStatus.Disapproved);
        var warnText = warnings == 0 ? "" : $"; {warnings} warn-only rule{(warnings == 1 ? "" : "s")} not met";
        var blocked = rejected.Count + pending.Count + frozen.Count > 0;
        if (blocked && glass is { Valid: true })
        {
            var review = glass.Overdue ? "its review is OVERDUE" : glass.Reviewed ? "since reviewed" : "review pending";
            return (OverallStatus.Satisfied, $"passed by break-glass from {glass.PersonName} ({review}){warnText}");
        }

        if (rejected.Count > 0)
        {
            return (OverallStatus.Rejected, $"{Names(rejected)} rejected{warnText}");
        }

        if (frozen.Count > 0)
        {
            return (OverallStatus.Frozen, $"freeze {string.Join(", ", frozen.Select(f => f.Name))} is in force{(pending.Count > 0 ? $", and {pending.Count} rule{(pending.Count == 1 ? "" : "s")} still need sign-off" : "")}{warnText}");
        }

        if (pending.Count > 0)
        {
            var first = pending[0];
            var applying = enforced.Count(r => r.Status != RuleStatus.Skipped);
            var verb = pending.Count == 1 ? "needs" : "need";
            return (OverallStatus.Pending, $"{pending.Count} of {applying} applying enforced rule{(applying == 1 ? "" : "s")} {verb} sign-off ({first.Name}: {first.Requirement!.Missing}){warnText}");
        }

        var applied = enforced.Count(r => r.Status == RuleStatus.Approved);
        var text = applied == 0 ? "no enforced rule applies to this change" : $"all {applied} applying enforced rule{(applied == 1 ? " is" : "s are")} signed off";
        return (OverallStatus.Satisfied, text + warnText);
    }

    private static string Names(List<RuleResult> rules) => string.Join(", ", rules.Select(r => r.Name));
}
