using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// <c>components: {names: [payments-api, component:default/ledger], scope: touched|reached|affected}</c> — some component
/// in scope is one of the names (a catalog ref or a plain name, case-insensitive).
/// </summary>
public sealed record ComponentsCondition(IReadOnlyList<string> Names, ComponentScope Scope, SourceSpan Position) : ICondition
{
    public string Key => "components";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var hit = InScope(context, Scope).FirstOrDefault(c => Names.Any(n => Same(n, c.Ref, c.Name)));
        return ConditionResult.Leaf(Key, hit != default, hit != default
            ? $"the change {(Scope == ComponentScope.Reached ? "reaches" : "affects")} {hit.Name}"
            : $"no {Scope.ToString().ToLowerInvariant()} component is {string.Join(" or ", Names)}");
    }

    internal static IEnumerable<(string Ref, string Name, int? Tier, string? Owner, bool Touched)> InScope(EvaluationContext context, ComponentScope scope)
    {
        var blast = context.Change.BlastRadius;
        var touched = scope is ComponentScope.Reached ? [] : blast.Touched.Select(t => (t.Ref, t.Name, t.Tier, t.Owner, true));
        var reached = scope is ComponentScope.Touched ? [] : blast.Reached.Select(r => (r.Ref, r.Name, r.Tier, r.Owner, false));
        return touched.Concat(reached);
    }

    private static bool Same(string wanted, string reference, string name)
    {
        if (wanted.Contains(':', StringComparison.Ordinal) || wanted.Contains('/', StringComparison.Ordinal))
        {
            return string.Equals(wanted, reference, StringComparison.OrdinalIgnoreCase)
                || string.Equals(wanted, reference[(reference.IndexOf(':', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase);
        }

        var shortName = reference[(reference.LastIndexOf('/') + 1)..];
        return string.Equals(wanted, shortName, StringComparison.OrdinalIgnoreCase) || string.Equals(wanted, name, StringComparison.OrdinalIgnoreCase);
    }
}
