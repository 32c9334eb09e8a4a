namespace Countersign.Core.Tests.Ownership.Catalog;

/// <summary>The files <see cref="CatalogGenerator"/> wrote and how many of each thing they declare.</summary>
public sealed record GeneratedCatalog(
    IReadOnlyList<(string Text, string Source)> Files,
    int Components,
    int Apis,
    int Groups,
    int Users,
    int Systems,
    int Domains,
    int DeclaredRelations)
{
    public int Entities => Components + Apis + Groups + Users + Systems + Domains;
}
