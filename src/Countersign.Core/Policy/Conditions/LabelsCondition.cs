using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary><c>labels: {any: [...], all: [...], none: [...]}</c> — labels compare case-insensitively.</summary>
public sealed record LabelsCondition(IReadOnlyList<string>? Any, IReadOnlyList<string>? All, IReadOnlyList<string>? None, SourceSpan Position) : ICondition
{
    public string Key => "labels";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var labels = context.Change.Labels.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var reasons = new List<string>();
        var matched = true;
        if (Any is { Count: > 0 })
        {
            var hit = Any.FirstOrDefault(labels.Contains);
            matched &= hit is not null;
            reasons.Add(hit is not null ? $"labelled {hit}" : $"has none of the labels {string.Join(", ", Any)}");
        }

        if (All is { Count: > 0 })
        {
            var missing = All.FirstOrDefault(l => !labels.Contains(l));
            matched &= missing is null;
            reasons.Add(missing is null ? $"labelled {string.Join(", ", All)}" : $"not labelled {missing}");
        }

        if (None is { Count: > 0 })
        {
            var hit = None.FirstOrDefault(labels.Contains);
            matched &= hit is null;
            reasons.Add(hit is null ? $"has none of the labels {string.Join(", ", None)}" : $"labelled {hit}");
        }

        return ConditionResult.Leaf(Key, matched, string.Join("; ", reasons));
    }
}
