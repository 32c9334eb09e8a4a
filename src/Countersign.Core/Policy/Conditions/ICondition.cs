using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// One compiled predicate of a rule's <c>if:</c>, or a combinator of them. Evaluation is pure: the same change and
/// time give the same result, with a sentence saying why.
/// </summary>
public interface ICondition
{
    /// <summary>Where the condition was written.</summary>
    SourceSpan Position { get; }

    /// <summary>The YAML key that introduces this condition (<c>provenance</c>, <c>all</c>, …).</summary>
    string Key { get; }

    ConditionResult Evaluate(EvaluationContext context);
}
