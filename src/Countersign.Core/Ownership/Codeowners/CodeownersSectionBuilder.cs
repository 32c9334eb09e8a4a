namespace Countersign.Core.Ownership.Codeowners;

/// <summary>A section while the parser fills it; headers with the same name (any case) share one builder.</summary>
internal sealed class CodeownersSectionBuilder(string name, int declaredApprovals, bool isOptional, IReadOnlyList<string> defaultOwners, int? line)
{
    public string Name { get; } = name;

    /// <summary>The <c>[N]</c> written on the first header, 1 when absent.</summary>
    public int DeclaredApprovals { get; } = declaredApprovals;

    public bool IsOptional { get; } = isOptional;

    public IReadOnlyList<string> DefaultOwners { get; } = defaultOwners;

    public int? Line { get; } = line;

    public List<CodeownersRule> Rules { get; } = [];

    public CodeownersSection Build() =>
        new(Name, IsOptional ? 0 : DeclaredApprovals, IsOptional, DefaultOwners, Rules.ToArray(), Line);
}
