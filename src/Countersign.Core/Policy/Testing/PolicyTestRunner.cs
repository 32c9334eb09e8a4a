using Countersign.Core.Organisation;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Testing;

/// <summary>Runs test cases against a compiled policy, like <c>opa test</c>: each expectation checked, differences spelled out.</summary>
public static class PolicyTestRunner
{
    public static IReadOnlyList<PolicyTestOutcome> Run(CompiledPolicy policy, IReadOnlyList<PolicyTestCase> cases, OrgDirectory org)
    {
        var resolver = new IdentityResolver(org);
        var outcomes = new List<PolicyTestOutcome>(cases.Count);
        foreach (var test in cases)
        {
            var result = PolicyEvaluator.Evaluate(policy, new EvaluationContext(test.Change, org, resolver, test.Now) { Environment = test.Environment }, test.SignOffs);
            var differences = new List<string>();
            var status = Word(result.Status);
            if (test.ExpectedStatus is { } expected && expected != status)
            {
                differences.Add($"status: expected {expected}, got {status} ({result.Summary})");
            }

            foreach (var (name, want) in test.ExpectedRules)
            {
                var rule = result.Rules.FirstOrDefault(r => r.Name == name);
                if (rule is null)
                {
                    differences.Add($"rule {name}: the policy has no such rule (rules: {string.Join(", ", result.Rules.Select(r => r.Name))})");
                }
                else if (Word(rule.Status) != want)
                {
                    differences.Add($"rule {name}: expected {want}, got {Word(rule.Status)} ({rule.Summary})");
                }
            }

            foreach (var (name, people) in test.ExpectedCandidates)
            {
                var candidates = result.Rules.FirstOrDefault(r => r.Name == name)?.Requirement?.Candidates.Select(c => c.PersonId).ToHashSet(StringComparer.Ordinal) ?? [];
                var absent = people.Where(p => !candidates.Contains(p)).ToList();
                if (absent.Count > 0)
                {
                    differences.Add($"rule {name}: expected {string.Join(", ", absent)} among the people who can sign off, got {(candidates.Count == 0 ? "nobody" : string.Join(", ", candidates.Order(StringComparer.Ordinal)))}");
                }
            }

            outcomes.Add(new PolicyTestOutcome(test.Name, test.Source, differences.Count == 0, differences));
        }

        return outcomes;
    }

    private static string Word(OverallStatus status) => status.ToString().ToLowerInvariant();

    private static string Word(RuleStatus status) => status.ToString().ToLowerInvariant();
}
