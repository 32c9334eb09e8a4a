namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// The ownership of one path: one entry per section with a matching rule, in section order.
/// A section with no matching rule is absent, which is different from a matching rule that names nobody.
/// </summary>
public sealed record CodeownersMatch(string Path, IReadOnlyList<CodeownersSectionMatch> Sections)
{
    /// <summary>At least one section gives the path an owner.</summary>
    public bool IsOwned => Sections.Any(s => s.Owners.Count > 0);

    /// <summary>Every owner from every section, first occurrence first, without repeats.</summary>
    public IReadOnlyList<string> Owners => Sections.SelectMany(s => s.Owners).Distinct(StringComparer.Ordinal).ToArray();
}
