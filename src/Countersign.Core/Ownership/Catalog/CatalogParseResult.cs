using Countersign.Core.Diagnostics;

namespace Countersign.Core.Ownership.Catalog;

/// <summary>The catalog built from every entity that could be read, and what was wrong with the rest.</summary>
public sealed record CatalogParseResult(Catalog Catalog, IReadOnlyList<Diagnostic> Diagnostics);
