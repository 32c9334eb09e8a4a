using Countersign.Core.Diagnostics;
using Countersign.Core.Provenance.Signatures;
using Countersign.Git;

namespace Countersign.Cli.Scanning;

/// <summary>
/// The tool signatures a scan uses: the shipped catalog, then the organisation's own file at
/// <c>.countersign/signatures.yaml</c> in the work tree, then a file given with <c>--signatures</c>.
/// Later files add tools (in-house agents) and markers without rebuilding countersign.
/// </summary>
internal static class SignatureLoader
{
    public const string RepositoryFile = ".countersign/signatures.yaml";

    /// <summary>Returns the merged catalog, or null with the error diagnostics when a file is invalid.</summary>
    public static SignatureCatalog? Load(GitRepository repository, string? extraFile, out IReadOnlyList<Diagnostic> errors)
    {
        var catalog = SignatureCatalog.Default;
        var problems = new List<Diagnostic>();
        var files = new List<string>();
        var inRepository = Path.Combine(repository.Path, RepositoryFile);
        if (!repository.Kind.IsBare && File.Exists(inRepository))
        {
            files.Add(inRepository);
        }

        if (extraFile is not null)
        {
            if (!File.Exists(extraFile))
            {
                errors = [Diagnostic.Error(extraFile, "no such file", field: "--signatures")];
                return null;
            }

            files.Add(extraFile);
        }

        foreach (var file in files)
        {
            var parsed = SignatureCatalog.Parse(File.ReadAllText(file), file);
            problems.AddRange(parsed.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            if (!parsed.HasErrors)
            {
                catalog = catalog.Merge(parsed.Catalog);
            }
        }

        errors = problems;
        return problems.Count == 0 ? catalog : null;
    }
}
