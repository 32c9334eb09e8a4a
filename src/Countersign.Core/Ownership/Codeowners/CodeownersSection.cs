namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// A group of rules evaluated on its own: within a section the last matching rule wins, and every section
/// applies, so a path can have owners from several sections. GitHub files have exactly one unnamed section.
/// </summary>
/// <param name="Name">
/// The section name with the casing of its first header; empty for the rules before any header (and for GitHub).
/// GitLab merges headers whose names differ only in case into one section.
/// </param>
/// <param name="RequiredApprovals">Approvals a matching path needs from the matched owners: <c>[Section][N]</c>, otherwise 1; 0 when optional.</param>
/// <param name="IsOptional">GitLab <c>^[Section]</c>: owners are suggested reviewers whose approval is not required.</param>
/// <param name="DefaultOwners">Owners after the first header of this section, inherited by its lines that name none.</param>
/// <param name="Rules">The section's rules in file order (merged headers contribute in file order too).</param>
/// <param name="Line">1-based line of the first header; null for the unnamed section.</param>
public sealed record CodeownersSection(
    string Name,
    int RequiredApprovals,
    bool IsOptional,
    IReadOnlyList<string> DefaultOwners,
    IReadOnlyList<CodeownersRule> Rules,
    int? Line);
