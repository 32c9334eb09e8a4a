namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// Backstage's relation types. Each declared relation is stored in both directions: the even member of each pair
/// is the one a spec field declares on its source, the next one its inverse (see <see cref="RelationTypes.Inverse"/>).
/// </summary>
public enum RelationType
{
    DependsOn,
    DependencyOf,
    ProvidesApi,
    ApiProvidedBy,
    ConsumesApi,
    ApiConsumedBy,
    OwnedBy,
    OwnerOf,
    PartOf,
    HasPart,
    ChildOf,
    ParentOf,
    MemberOf,
    HasMember,
}
