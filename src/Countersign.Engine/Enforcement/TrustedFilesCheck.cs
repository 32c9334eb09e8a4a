using Countersign.Engine.Changes;
using Countersign.Engine.Scanning;
using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Codeowners;
using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// What <c>policy validate</c> checks besides the policy: every trusted file in a working tree — the org directory
/// (YAML and CSV), the signatures file, .mailmap, the Backstage catalog (every <c>catalog-info.yaml</c> and what its
/// Locations point at) and CODEOWNERS in every place GitHub and GitLab look — with each problem's file, line and
/// column at the severity the file's own rules give it. A file a forge would not read (a second CODEOWNERS) is named.
/// </summary>
public static class TrustedFilesCheck
{
    /// <summary>The files found and checked, every problem in them, and the directory for compiling the policy.</summary>
    public sealed record Report(IReadOnlyList<string> Checked, IReadOnlyList<Diagnostic> Diagnostics, TrustedConfiguration Configuration);

    /// <summary>Checks the trusted files under <paramref name="root"/> (the top of a working tree, a git repository or not).</summary>
    public static Report Run(string root)
    {
        var files = List(root);
        string? Read(string path)
        {
            var full = Path.Combine(root, path);
            return File.Exists(full) ? File.ReadAllText(full) : null;
        }

        var configuration = TrustedConfiguration.Read("working tree", "the working tree", files, Read);
        var diagnostics = configuration.Diagnostics.ToList();
        var present = files.ToHashSet(StringComparer.Ordinal);
        diagnostics.AddRange(UnreadCodeowners(present, Read, configuration.Ownership.Codeowners?.Source));

        var checkedFiles = new List<string>();
        checkedFiles.AddRange(new[] { TrustedConfiguration.OrgYamlPath, TrustedConfiguration.OrgCsvPath, SignatureLoader.RepositoryFile, TrustedConfiguration.MailmapPath }.Where(present.Contains));
        checkedFiles.AddRange(CodeownersPaths().Where(present.Contains));
        checkedFiles.AddRange(configuration.Ownership.Catalog.Entities.Select(e => e.Position.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new Report(checkedFiles.Distinct(StringComparer.Ordinal).ToList(), diagnostics, configuration);
    }

    /// <summary>
    /// CODEOWNERS files that exist but that the forge does not read (GitHub and GitLab take the first one found): each is
    /// parsed too, so a mistake is caught before someone moves it, and a warning says it is ignored.
    /// </summary>
    private static IEnumerable<Diagnostic> UnreadCodeowners(HashSet<string> present, Func<string, string?> read, string? used)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { used ?? "" };
        foreach (var flavor in (CodeownersFlavor[])[CodeownersFlavor.GitHub, CodeownersFlavor.GitLab])
        {
            foreach (var path in CodeownersLocator.Candidates(flavor).Where(present.Contains))
            {
                if (!seen.Add(path) || read(path) is not { } text)
                {
                    continue;
                }

                yield return Diagnostic.Warning(path, $"this CODEOWNERS file is not read: {(used is null ? "another location" : used)} comes first for {flavor}, which reads only one");
                foreach (var d in CodeownersParser.Parse(text, path, flavor).Diagnostics)
                {
                    yield return d;
                }
            }
        }
    }

    /// <summary>The directory's diagnostics (org.yaml, org.csv), to replace when <c>--org</c> names another file.</summary>
    public static bool IsDirectoryFile(Diagnostic d) => d.Source is TrustedConfiguration.OrgYamlPath or TrustedConfiguration.OrgCsvPath;

    private static IEnumerable<string> CodeownersPaths() =>
        new[] { CodeownersFlavor.GitHub, CodeownersFlavor.GitLab }.SelectMany(CodeownersLocator.Candidates).Distinct(StringComparer.Ordinal);

    /// <summary>The working tree's files: git's view (tracked and untracked, not ignored) inside a repository, else every file but .git.</summary>
    private static IReadOnlyList<string> List(string root)
    {
        try
        {
            return GitRepository.Open(root).WorkingTreeFiles(root);
        }
        catch (GitCommandException)
        {
            return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal))
                .ToList();
        }
    }
}
