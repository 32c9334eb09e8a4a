using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary><c>time: {days: [fri], from: "15:00", to: "23:59", timezone: Europe/Berlin}</c> — the evaluation time is in the window.</summary>
internal sealed record TimeCondition(TimeWindow Window, SourceSpan Position) : ICondition
{
    public string Key => "time";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var inside = Window.Contains(context.Now);
        return ConditionResult.Leaf(Key, inside, $"now is {(inside ? "" : "not ")}within {Window}");
    }
}
