using Countersign.Core.Diagnostics;
using Countersign.Core.Provenance.Signatures;
using Countersign.Git;

namespace Countersign.Engine.Scanning;

/// <summary>
/// The tool signatures a scan uses: the shipped catalog, then the organisation's own file at
/// <c>.countersign/signatures.yaml</c> in the work tree, then a file given with <c>--signatures</c>.
/// Later files add tools (in-house agents) and markers without rebuilding countersign.
/// </summary>
public static class SignatureLoader
{
    public const string RepositoryFile = ".countersign/signatures.yaml";

    /// <summary>
    /// Returns the merged catalog (built on first use, so a scan with nothing to do never loads it), or null with
    /// the error diagnostics when an organisation file is invalid. Organisation files are validated now.
    /// </summary>
    public static Lazy<SignatureCatalog>? Load(GitRepository repository, string? extraFile, out IReadOnlyList<Diagnostic> errors)
    {
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

        var extras = new List<SignatureCatalog>();
        foreach (var file in files)
        {
            var parsed = SignatureCatalog.Parse(File.ReadAllText(file), file);
            problems.AddRange(parsed.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            extras.Add(parsed.Catalog);
        }

        errors = problems;
        return problems.Count == 0 ? new Lazy<SignatureCatalog>(() => extras.Aggregate(SignatureCatalog.Default, (all, extra) => all.Merge(extra))) : null;
    }
}
