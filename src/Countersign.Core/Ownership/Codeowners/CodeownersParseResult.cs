using Countersign.Core.Diagnostics;

namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// The parsed file and what was wrong with it. Lines with errors are left out of <see cref="File"/>,
/// as both forges skip invalid lines and keep the rest, so the file is usable even when diagnostics exist.
/// </summary>
public sealed record CodeownersParseResult(CodeownersFile File, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
