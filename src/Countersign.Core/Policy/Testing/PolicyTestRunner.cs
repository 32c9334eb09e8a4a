using Countersign.Core.Organisation;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Testing;

/// <summary>
/// Runs test cases against a compiled policy, like <c>opa test</c>: each case evaluated as the enforcement points
/// would, each expectation checked, and every difference spelled out ("rule high-blast-radius: expected pending,
/// got approved (approved by Erin, Sam)").
/// </summary>
public static class PolicyTestRunner
{
    public static IReadOnlyList<PolicyTestOutcome> Run(CompiledPolicy policy, IReadOnlyList<PolicyTestCase> cases, OrgDirectory org)
    {
        var resolver = new IdentityResolver(org);
        var outcomes = new List<PolicyTestOutcome>(cases.Count);
        foreach (var test in cases)
        {
            var context = new EvaluationContext(test.Change, org, resolver, test.Now) { Environment = test.Environment };
            var result = PolicyEvaluator.Evaluate(policy, context, test.SignOffs);
            var differences = Differences(test, result);
            outcomes.Add(new PolicyTestOutcome(test.Name, test.Source, differences.Count == 0, differences));
        }

        return outcomes;
    }

    private static List<string> Differences(PolicyTestCase test, PolicyResult result)
    {
        var differences = new List<string>();
        var status = Word(result.Status);
        if (test.ExpectedStatus is { } expected && expected != status)
        {
            differences.Add($"status: expected {expected}, got {status} ({result.Summary})");
        }

        foreach (var (name, want) in test.ExpectedRules)
        {
            if (Find(result, name, differences) is { } rule && Word(rule.Status) != want)
            {
                differences.Add($"rule {name}: expected {want}, got {Word(rule.Status)} ({rule.Summary})");
            }
        }

        foreach (var (name, people) in test.ExpectedCandidates)
        {
            if (Find(result, name, differences) is not { } rule)
            {
                continue;
            }

            var candidates = rule.Requirement?.Candidates.Select(c => c.PersonId).ToList() ?? [];
            var absent = people.Where(p => !candidates.Contains(p, StringComparer.Ordinal)).ToList();
            if (absent.Count > 0)
            {
                var got = candidates.Count > 0 ? string.Join(", ", candidates)
                    : rule.Status is RuleStatus.Approved or RuleStatus.Skipped ? $"nobody (the rule is {Word(rule.Status)})"
                    : "nobody";
                differences.Add($"rule {name}: expected {string.Join(", ", absent)} among the people who can sign off, got {got}");
            }
        }

        return differences.Distinct(StringComparer.Ordinal).ToList();
    }

    private static RuleResult? Find(PolicyResult result, string name, List<string> differences)
    {
        var rule = result.Rules.FirstOrDefault(r => r.Name == name);
        if (rule is null)
        {
            differences.Add($"rule {name}: the policy has no such rule (rules: {string.Join(", ", result.Rules.Select(r => r.Name))})");
        }

        return rule;
    }

    private static string Word(OverallStatus status) => status.ToString().ToLowerInvariant();

    private static string Word(RuleStatus status) => status.ToString().ToLowerInvariant();
}
