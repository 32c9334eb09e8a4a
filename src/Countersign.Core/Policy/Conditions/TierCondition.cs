using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// <c>tier: {at_most: 1, scope: touched|reached|affected}</c> — some component in scope has a tier in the range
/// (tier 1 is the most critical, so "tier 1 or 2" is <c>at_most: 2</c>). Components without a tier never match.
/// </summary>
public sealed record TierCondition(NumberRange Tiers, ComponentScope Scope, SourceSpan Position) : ICondition
{
    public string Key => "tier";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var hit = ComponentsCondition.InScope(context, Scope).Where(c => c.Tier is { } t && Tiers.Contains(t)).OrderBy(c => c.Tier).FirstOrDefault();
        return ConditionResult.Leaf(Key, hit != default, hit != default
            ? $"{hit.Name} ({(hit.Touched ? "touched" : "reached")}) is tier {hit.Tier}"
            : $"no {Scope.ToString().ToLowerInvariant()} component has a tier {Tiers}");
    }
}
