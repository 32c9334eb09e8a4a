namespace Countersign.Core.Ownership.Catalog;

/// <summary>An outgoing edge in <see cref="Catalog"/>'s adjacency arrays: 8 bytes, so two million of them stay small.</summary>
internal readonly record struct CatalogEdge(RelationType Type, int Target) : IComparable<CatalogEdge>
{
    public int CompareTo(CatalogEdge other) => Type != other.Type ? Type.CompareTo(other.Type) : Target.CompareTo(other.Target);
}
