namespace Countersign.Core.Ownership.Codeowners;

/// <summary>How one section of a CODEOWNERS file applies to one path.</summary>
/// <param name="Section">The section's name; empty for the unnamed section.</param>
/// <param name="Rule">The deciding rule: the last matching one, or for an excluded path the matching exclusion.</param>
/// <param name="Owners">Who owns the path in this section; empty when excluded or when the rule names nobody.</param>
/// <param name="RequiredApprovals">
/// Approvals needed from <paramref name="Owners"/> for this path: the section's count, or 0 when the section is
/// optional, the path is excluded or the rule has no owners (GitLab auto-approves a rule with no approvers).
/// </param>
/// <param name="IsOptional">The section is optional (<c>^[Section]</c>).</param>
/// <param name="IsExcluded">A GitLab <c>!pattern</c> in this section matched: the path is exempt from the section.</param>
public sealed record CodeownersSectionMatch(
    string Section,
    CodeownersRule Rule,
    IReadOnlyList<string> Owners,
    int RequiredApprovals,
    bool IsOptional,
    bool IsExcluded);
