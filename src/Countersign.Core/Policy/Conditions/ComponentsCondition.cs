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
        var hit = InScope(context, Scope).FirstOrDefault(c => Names.Any(n => IsNamed(n, c.Ref, c.Name)));
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

    /// <summary>
    /// True when <paramref name="wanted"/> names the component: a plain name matches the ref's name or the display name;
    /// a ref (<c>component:default/ledger</c>, <c>default/ledger</c>, <c>component:ledger</c>) matches by kind (when
    /// given), namespace (<c>default</c> when left out) and name, as Backstage reads refs. Case-insensitive.
    /// </summary>
    internal static bool IsNamed(string wanted, string reference, string name)
    {
        var target = Parse(reference);
        if (!wanted.Contains(':', StringComparison.Ordinal) && !wanted.Contains('/', StringComparison.Ordinal))
        {
            return string.Equals(wanted, target.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(wanted, name, StringComparison.OrdinalIgnoreCase);
        }

        var want = Parse(wanted);
        return string.Equals(want.Name, target.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(want.Namespace, target.Namespace, StringComparison.OrdinalIgnoreCase)
            && (want.Kind is null || target.Kind is null || string.Equals(want.Kind, target.Kind, StringComparison.OrdinalIgnoreCase));
    }

    private static (string? Kind, string Namespace, string Name) Parse(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? value[..colon] : null;
        var rest = colon > 0 ? value[(colon + 1)..] : value;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return (kind, slash > 0 ? rest[..slash] : "default", slash >= 0 ? rest[(slash + 1)..] : rest);
    }
}
