namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// One entity of the catalog, any kind. Relation-valued spec fields that name one target are resolved here
/// (<see cref="Owner"/>, <see cref="System"/>, <see cref="Domain"/>); lists and inverses are on <see cref="Catalog"/>.
/// <c>Tier</c> is 1 (most critical) to 4, from the annotations and labels named in <see cref="CatalogOptions"/>, null when
/// unset or unrecognised. <c>SourcePaths</c> are the repository path prefixes (folders end with '/'; "" is the whole
/// repository) or globs the entity owns. <c>Email</c> and <c>DisplayName</c> come from <c>spec.profile</c> (groups, users).
/// </summary>
public sealed record CatalogEntity(
    EntityRef Ref,
    string? Title,
    string? Description,
    string? Type,
    string? Lifecycle,
    EntityRef? Owner,
    EntityRef? System,
    EntityRef? Domain,
    int? Tier,
    IReadOnlyList<string> SourcePaths,
    string? DisplayName,
    string? Email,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Tags,
    CatalogPosition Position)
{
    public string Kind => Ref.Kind;

    public string Name => Ref.Name;
}
