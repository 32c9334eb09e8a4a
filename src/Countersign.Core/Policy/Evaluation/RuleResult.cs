using Countersign.Core.Policy.Conditions;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// One rule's outcome: whether it applied (<see cref="Condition"/> says why), its status, and for an applying rule what
/// counted, what was dismissed or not counted and why, what is missing and who can give it.
/// </summary>
public sealed record RuleResult(
    string Name,
    string? Description,
    RuleMode Mode,
    RuleStatus Status,
    string Summary,
    ConditionResult? Condition,
    RequirementResult? Requirement,
    SourceSpan Position)
{
    /// <summary>True when this rule keeps the change from passing (an enforced rule that is pending or disapproved).</summary>
    public bool Blocks => Mode == RuleMode.Enforce && Status is RuleStatus.Pending or RuleStatus.Disapproved;
}
