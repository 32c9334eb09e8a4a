using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary><c>not: {...}</c> — matches when its single child does not.</summary>
internal sealed record NotCondition(ICondition Child, SourceSpan Position) : ICondition
{
    public string Key => "not";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var inner = Child.Evaluate(context);
        return new ConditionResult(Key, !inner.Matched, $"not ({inner.Explanation})", [inner]);
    }
}
