namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// A target of a <c>kind: Location</c> entity, for the caller to load. <see cref="Path"/> is the target resolved against
/// the declaring source when it is a relative file (e.g. <c>examples/acme/org.yaml</c> for <c>./org.yaml</c> in
/// <c>examples/acme-corp.yaml</c>); null for URLs and other types, which the caller fetches itself or ignores.
/// </summary>
public sealed record CatalogLocationTarget(EntityRef Location, string Target, string Type, string? Path, CatalogPosition Position);
