namespace Countersign.Core.Ownership.Catalog;

/// <summary>A directed relation <c>Source —Type→ Target</c>. The target may be dangling (not in the catalog).</summary>
public readonly record struct CatalogRelation(EntityRef Source, RelationType Type, EntityRef Target);
