namespace Countersign.Core.Ownership.Catalog;

/// <summary>A team or other organisational unit: its place in the hierarchy and its direct members (users).</summary>
public sealed record CatalogGroup(
    EntityRef Ref,
    string? Type,
    string? DisplayName,
    string? Email,
    EntityRef? Parent,
    IReadOnlyList<EntityRef> Children,
    IReadOnlyList<EntityRef> Members);
