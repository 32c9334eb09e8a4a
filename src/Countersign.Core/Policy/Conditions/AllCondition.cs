using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary><c>all: [...]</c> — matches when every child matches (an empty list matches).</summary>
internal sealed record AllCondition(IReadOnlyList<ICondition> Children, SourceSpan Position) : ICondition
{
    public string Key => "all";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var results = Children.Select(c => c.Evaluate(context)).ToList();
        var failed = results.Where(r => !r.Matched).ToList();
        var why = failed.Count == 0 ? "all of its conditions hold" : $"not all hold: {failed[0].Explanation}";
        return new ConditionResult(Key, failed.Count == 0, why, results);
    }
}
