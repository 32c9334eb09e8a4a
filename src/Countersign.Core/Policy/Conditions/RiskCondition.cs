using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary><c>risk: {score: {at_least: 60}}</c> — the change's risk score (0–100) is in the range.</summary>
internal sealed record RiskCondition(NumberRange Score, SourceSpan Position) : ICondition
{
    public string Key => "risk";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var risk = context.Change.Risk;
        var ok = Score.Contains(risk.Score);
        var top = risk.Factors.OrderByDescending(f => f.Points).Take(2).Where(f => f.Points > 0).Select(f => f.Name).ToList();
        var drivers = top.Count == 0 ? "" : $" (mostly {string.Join(" and ", top)})";
        return ConditionResult.Leaf(Key, ok, $"risk score {NumberRange.Format(risk.Score)}{drivers} is {(ok ? "" : "not ")}{Score}");
    }
}
