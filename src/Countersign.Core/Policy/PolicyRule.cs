using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Requirements;

namespace Countersign.Core.Policy;

/// <summary>
/// A compiled rule: when <see cref="If"/> holds (or always, when null) the change needs <see cref="Requires"/>.
/// <see cref="OwnPaths"/> are the path conditions inside <see cref="If"/>, used for per-rule staleness.
/// </summary>
public sealed record PolicyRule(
    string Name,
    string? Description,
    RuleMode Mode,
    ICondition? If,
    ApprovalRequirement Requires,
    SourceSpan Position)
{
    public IReadOnlyList<PathsCondition> OwnPaths { get; } = If is null ? [] : Collect(If).ToList();

    /// <summary>Path conditions reachable through <c>all</c>/<c>any</c> (not through <c>not</c>: excluded paths are not the rule's own).</summary>
    private static IEnumerable<PathsCondition> Collect(ICondition condition) => condition switch
    {
        PathsCondition p => [p],
        AllCondition a => a.Children.SelectMany(Collect),
        AnyCondition a => a.Children.SelectMany(Collect),
        _ => [],
    };
}
