namespace Countersign.Core.Policy.Requirements;

/// <summary>
/// A rule's <c>requires:</c>: how many sign-offs, from whom, whether from distinct teams, when they go stale, and whether
/// a rejection by an eligible person blocks. The author, co-authors, prompters, committers (unless
/// <see cref="AllowCommitters"/>) and bots are never eligible, whatever <see cref="From"/> says.
/// </summary>
public sealed record ApprovalRequirement(
    int Count,
    ApproverSet From,
    bool DistinctTeams,
    StalenessMode InvalidateOn,
    bool Disapproval,
    bool AllowCommitters,
    SourceSpan Position);
