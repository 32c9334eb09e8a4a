using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// <c>target_branch: [main, release/*]</c> or <c>source_branch: [...]</c> — the branch (without <c>refs/heads/</c>)
/// matches one of the globs. An unknown branch matches nothing.
/// </summary>
internal sealed record BranchCondition(bool Target, IReadOnlyList<PolicyGlob> Branches, SourceSpan Position) : ICondition
{
    public string Key => Target ? "target_branch" : "source_branch";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var branch = Target ? context.Change.TargetBranch : context.Change.SourceBranch;
        var which = Target ? "target branch" : "source branch";
        if (branch is null)
        {
            return ConditionResult.Leaf(Key, false, $"the {which} is not known");
        }

        var hit = Branches.FirstOrDefault(g => g.IsMatch(branch));
        return ConditionResult.Leaf(Key, hit is not null, hit is not null
            ? $"{which} {branch} matches {hit}"
            : $"{which} {branch} matches none of {string.Join(", ", Branches)}");
    }
}
