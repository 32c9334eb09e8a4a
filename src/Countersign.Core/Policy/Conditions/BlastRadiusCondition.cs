using Countersign.Core.BlastRadius;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary><c>blast_radius: {class: [multi-service, critical], score: {at_least: 20}}</c> — every given part must hold.</summary>
public sealed record BlastRadiusCondition(IReadOnlyList<BlastClass>? Classes, NumberRange? Score, SourceSpan Position) : ICondition
{
    public string Key => "blast_radius";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var blast = context.Change.BlastRadius;
        var reasons = new List<string>();
        var matched = true;
        if (Classes is { Count: > 0 })
        {
            var ok = Classes.Contains(blast.Class);
            matched &= ok;
            reasons.Add($"blast radius is {ClassName(blast.Class)}{(ok ? "" : $", not {string.Join(" or ", Classes.Select(ClassName))}")}");
        }

        if (Score is not null)
        {
            var ok = Score.Contains(blast.Score);
            matched &= ok;
            reasons.Add($"blast-radius score {NumberRange.Format(blast.Score)} is {(ok ? "" : "not ")}{Score}");
        }

        return ConditionResult.Leaf(Key, matched, string.Join("; ", reasons));
    }

    internal static string ClassName(BlastClass value) => value switch
    {
        BlastClass.Contained => "contained",
        BlastClass.Service => "service",
        BlastClass.MultiService => "multi-service",
        _ => "critical",
    };
}
