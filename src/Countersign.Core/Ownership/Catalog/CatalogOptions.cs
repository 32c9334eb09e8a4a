namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// Local conventions layered on the Backstage model. Backstage has no standard tier annotation, so the defaults use
/// Countersign's own prefix; the common <c>tier</c>/<c>criticality</c> labels are read too. The first key present wins.
/// </summary>
public sealed record CatalogOptions
{
    public static CatalogOptions Default { get; } = new();

    /// <summary>Annotations holding a tier, in priority order. Default: <c>countersign.io/tier</c>, <c>countersign.io/criticality</c>.</summary>
    public IReadOnlyList<string> TierAnnotations { get; init; } = ["countersign.io/tier", "countersign.io/criticality"];

    /// <summary>Labels holding a tier, read after the annotations. Default: <c>tier</c>, <c>criticality</c>.</summary>
    public IReadOnlyList<string> TierLabels { get; init; } = ["tier", "criticality"];

    /// <summary>Annotation listing the repository paths an entity owns: prefixes or globs separated by commas or newlines. Default: <c>countersign.io/source-paths</c>.</summary>
    public string SourcePathsAnnotation { get; init; } = "countersign.io/source-paths";

    /// <summary>Backstage's source location annotation, turned into a path prefix. Default: <c>backstage.io/source-location</c>.</summary>
    public string SourceLocationAnnotation { get; init; } = "backstage.io/source-location";

    /// <summary>
    /// The repository being analysed, as a URL (<c>https://github.com/org/repo</c>) or slug (<c>org/repo</c>). When set,
    /// a source location only yields a path if it points into this repository, so a catalog spanning many repositories
    /// does not map every repository's root onto this one. When null, every source location's path is taken.
    /// </summary>
    public string? Repository { get; init; }
}
