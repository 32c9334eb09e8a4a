namespace Countersign.Core.Ownership.Catalog;

/// <summary>Helpers over <see cref="RelationType"/>: the inverse of a relation and its Backstage spelling.</summary>
internal static class RelationTypes
{
    /// <summary>The relation seen from the other end: dependsOn ↔ dependencyOf, ownedBy ↔ ownerOf, and so on.</summary>
    public static RelationType Inverse(this RelationType type) => (RelationType)((int)type ^ 1);

    /// <summary>The camel-case name Backstage uses, e.g. <c>apiProvidedBy</c>.</summary>
    public static string BackstageName(this RelationType type)
    {
        var name = type.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
