namespace Countersign.Core.Ownership.Catalog;

/// <summary>A person, for the org directory: profile email and every group they belong to (<c>memberOf</c> and groups' <c>members</c>).</summary>
public sealed record CatalogUser(EntityRef Ref, string? DisplayName, string? Email, IReadOnlyList<EntityRef> MemberOf);
