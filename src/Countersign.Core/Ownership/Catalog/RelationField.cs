namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// A spec field that declares a relation: the relation it creates on the declaring entity, the kind a bare name
/// takes, and whether Backstage wants the kind written out (<c>dependsOn</c>, <c>dependencyOf</c>).
/// </summary>
internal sealed record RelationField(string Key, RelationType Type, string DefaultKind, bool IsList, bool KindRequired = false)
{
    private static readonly RelationField[] Fields =
    [
        new("owner", RelationType.OwnedBy, EntityKinds.Group, IsList: false),
        new("system", RelationType.PartOf, EntityKinds.System, IsList: false),
        new("domain", RelationType.PartOf, EntityKinds.Domain, IsList: false),
        new("subcomponentOf", RelationType.PartOf, EntityKinds.Component, IsList: false),
        new("parent", RelationType.ChildOf, EntityKinds.Group, IsList: false),
        new("dependsOn", RelationType.DependsOn, EntityKinds.Component, IsList: true, KindRequired: true),
        new("dependencyOf", RelationType.DependencyOf, EntityKinds.Component, IsList: true, KindRequired: true),
        new("providesApis", RelationType.ProvidesApi, EntityKinds.Api, IsList: true),
        new("consumesApis", RelationType.ConsumesApi, EntityKinds.Api, IsList: true),
        new("apiProvidedBy", RelationType.ApiProvidedBy, EntityKinds.Component, IsList: true),
        new("apiConsumedBy", RelationType.ApiConsumedBy, EntityKinds.Component, IsList: true),
        new("children", RelationType.ParentOf, EntityKinds.Group, IsList: true),
        new("members", RelationType.HasMember, EntityKinds.User, IsList: true),
        new("memberOf", RelationType.MemberOf, EntityKinds.Group, IsList: true),
    ];

    private static readonly Dictionary<string, RelationField> ByKey = Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public string SpecPath { get; } = "spec." + Key;

    public static RelationField? Find(string key) => ByKey.GetValueOrDefault(key);
}
