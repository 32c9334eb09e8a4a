namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// One pattern line of a CODEOWNERS file.
/// </summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Pattern">The pattern as written, escapes and a leading <c>!</c> included.</param>
/// <param name="Owners">
/// The owners this rule assigns, in file order. Empty means the rule deliberately leaves matching paths
/// without owners (GitHub documents this for <c>/apps/github</c>), or, for an exclusion, that the path is exempt.
/// </param>
/// <param name="IsExclusion">GitLab <c>!pattern</c>: matching paths are exempt from the rule's section.</param>
/// <param name="InheritsSectionOwners">GitLab: the line named no owners and took its section header's default owners.</param>
public sealed record CodeownersRule(
    int Line,
    string Pattern,
    IReadOnlyList<string> Owners,
    bool IsExclusion = false,
    bool InheritsSectionOwners = false);
