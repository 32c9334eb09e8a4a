namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// One direct dependency edge seen from one end: <see cref="Entity"/> is the other end, <see cref="Api"/> the API the
/// dependency goes through (null for a plain <c>dependsOn</c>), <see cref="Via"/> a short human phrase for it.
/// </summary>
public sealed record CatalogDependency(EntityRef Entity, EntityRef? Api)
{
    public string Via => Api is { } api ? $"consumes {api}" : "dependsOn";
}
