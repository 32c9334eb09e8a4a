using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary><c>any: [...]</c> — matches when at least one child matches (an empty list never matches).</summary>
internal sealed record AnyCondition(IReadOnlyList<ICondition> Children, SourceSpan Position) : ICondition
{
    public string Key => "any";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var results = Children.Select(c => c.Evaluate(context)).ToList();
        var hit = results.FirstOrDefault(r => r.Matched);
        var why = hit is null ? "none of its conditions holds" : hit.Explanation;
        return new ConditionResult(Key, hit is not null, why, results);
    }
}
