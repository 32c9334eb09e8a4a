using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// <c>size: {lines: {at_least: 400}, added: {...}, deleted: {...}, files: {...}, commits: {...}}</c> — every given
/// measure is in its range. <c>lines</c> is added plus deleted; binary files count as files but not lines.
/// </summary>
public sealed record SizeCondition(NumberRange? Lines, NumberRange? Added, NumberRange? Deleted, NumberRange? Files, NumberRange? Commits, SourceSpan Position) : ICondition
{
    public string Key => "size";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var change = context.Change;
        var measures = new (string Name, NumberRange? Range, double Value)[]
        {
            ("changed line", Lines, change.LinesAdded + change.LinesDeleted),
            ("added line", Added, change.LinesAdded),
            ("deleted line", Deleted, change.LinesDeleted),
            ("file", Files, change.Files.Count),
            ("commit", Commits, change.Commits.Count(c => !c.IsMerge)),
        };
        var reasons = new List<string>();
        var matched = true;
        foreach (var (name, range, value) in measures.Where(m => m.Range is not null))
        {
            var ok = range!.Contains(value);
            matched &= ok;
            reasons.Add($"{NumberRange.Format(value)} {name}{(value == 1 ? "" : "s")}, {(ok ? "" : "not ")}{range}");
        }

        return ConditionResult.Leaf(Key, matched, string.Join("; ", reasons));
    }
}
