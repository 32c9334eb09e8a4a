using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// The outcome of reading a signature file: the catalog of every valid entry, and a diagnostic (with line, column
/// and field) for each entry that was skipped or questionable.
/// </summary>
public sealed record SignatureCatalogParseResult(SignatureCatalog Catalog, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
