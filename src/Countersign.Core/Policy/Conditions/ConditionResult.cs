namespace Countersign.Core.Policy.Conditions;

/// <summary>The outcome of one condition: matched or not, a sentence saying why, and the children's outcomes for combinators.</summary>
public sealed record ConditionResult(string Key, bool Matched, string Explanation, IReadOnlyList<ConditionResult> Children)
{
    public static ConditionResult Leaf(string key, bool matched, string explanation) => new(key, matched, explanation, []);
}
