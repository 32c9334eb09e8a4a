namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// The result tree of one evaluation, mirroring the policy: the overall verdict with a one-line summary, each rule's
/// result, the freezes that were considered, and break-glass if it was used.
/// </summary>
public sealed record PolicyResult(
    OverallStatus Status,
    string Summary,
    IReadOnlyList<RuleResult> Rules,
    IReadOnlyList<FreezeResult> Freezes,
    BreakGlassResult? BreakGlass,
    string ChangeKey,
    string PatchId,
    DateTimeOffset EvaluatedAt)
{
    public bool Passed => Status == OverallStatus.Satisfied;
}
