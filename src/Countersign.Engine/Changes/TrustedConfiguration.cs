using System.Text;
using Countersign.Engine.Ownership;
using Countersign.Engine.Scanning;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Provenance.Signatures;
using Countersign.Git;

namespace Countersign.Engine.Changes;

/// <summary>
/// The configuration that decides who people are and who owns what — the organisation directory, <c>.mailmap</c>,
/// tool signatures, Backstage catalog and CODEOWNERS — read from git objects at one trusted revision (the tip of the
/// branch a change goes into), never from the change itself: a change must not be able to promote its own author,
/// hide its AI markers or reassign the ownership of what it touches. Edits to these files take effect once merged.
/// </summary>
public sealed class TrustedConfiguration
{
    public const string OrgYamlPath = ".countersign/org.yaml";
    public const string OrgCsvPath = ".countersign/org.csv";
    public const string MailmapPath = ".mailmap";

    private TrustedConfiguration(string revision, OrgDirectory directory, Mailmap? mailmap, SignatureCatalog signatures, RepositoryOwnership ownership, IReadOnlyList<Diagnostic> diagnostics)
    {
        Revision = revision;
        Directory = directory;
        Mailmap = mailmap;
        Signatures = signatures;
        Ownership = ownership;
        Diagnostics = diagnostics;
        Resolver = new IdentityResolver(directory, mailmap);
    }

    /// <summary>The commit everything was read from.</summary>
    public string Revision { get; }

    /// <summary>The organisation; <see cref="OrgDirectory.Empty"/> (with a warning) when there is none.</summary>
    public OrgDirectory Directory { get; }

    /// <summary>The <c>.mailmap</c> at the revision, or null when there is none.</summary>
    public Mailmap? Mailmap { get; }

    /// <summary>The file the directory came from (<c>.countersign/org.yaml</c> when there is none), as messages name it.</summary>
    public string DirectorySource { get; init; } = OrgYamlPath;

    /// <summary>The .mailmap as committed (sent to a server, which resolves identities itself).</summary>
    public string? MailmapText { get; init; }

    /// <summary>The shipped tool signatures plus the organisation's own file.</summary>
    public SignatureCatalog Signatures { get; }

    /// <summary>Catalog, CODEOWNERS and the service graph.</summary>
    public RepositoryOwnership Ownership { get; }

    /// <summary>Problems in any of these files, with file, line and column.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Resolves identities against <see cref="Directory"/> through <see cref="Mailmap"/>.</summary>
    public IdentityResolver Resolver { get; }

    /// <summary>The files whose content this configuration comes from (catalog files aside).</summary>
    public static IReadOnlyList<string> ConfigurationPaths { get; } =
    [
        OrgYamlPath, OrgCsvPath, MailmapPath, SignatureLoader.RepositoryFile,
        .. CodeownersPaths(),
    ];

    /// <summary>
    /// Reads the configuration at <paramref name="revision"/> as a gate uses it. Errors in Countersign's own files (the
    /// org directory, the signatures file) stay errors and stop the gate; an entry that the file's own host skips — a
    /// CODEOWNERS line GitHub rejects, a .mailmap line git ignores, a catalog entity Backstage refuses — is skipped here
    /// too and reported as a warning naming file and line.
    /// </summary>
    /// <exception cref="GitCommandException"><paramref name="revision"/> is not a commit (bad input), or git failed.</exception>
    public static TrustedConfiguration Load(GitRepository repository, string revision)
    {
        var commit = repository.ResolveCommit(revision);
        using var blobs = new GitBlobReader(repository.Path);
        string? ReadBlob(string path) => blobs.TryRead($"{commit}:{path}") is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

        var loaded = Read(commit, revision, repository.ListFiles(commit), ReadBlob);
        static Diagnostic AsGate(Diagnostic d) => IsHostFile(d.Source) ? d.SkippedAsItsHostDoes() : d;
        var ownership = loaded.Ownership with { Diagnostics = loaded.Ownership.Diagnostics.Select(AsGate).ToList() };
        return new TrustedConfiguration(commit, loaded.Directory, loaded.Mailmap, loaded.Signatures, ownership, loaded.Diagnostics.Select(AsGate).ToList())
        {
            MailmapText = loaded.MailmapText,
            DirectorySource = loaded.DirectorySource,
        };
    }

    /// <summary>
    /// Reads the configuration from a tree listed by <paramref name="files"/>, whose contents <paramref name="read"/>
    /// returns (null when absent); <paramref name="revision"/> names it in messages. Diagnostics keep their severity, as
    /// <c>policy validate</c> reports them.
    /// </summary>
    public static TrustedConfiguration Read(string revision, string label, IReadOnlyList<string> files, Func<string, string?> read)
    {
        var diagnostics = new List<Diagnostic>();
        var (yaml, csv) = (read(OrgYamlPath), read(OrgCsvPath));
        var directory = ReadDirectory(yaml, csv, label, diagnostics);

        Mailmap? mailmap = null;
        var mailmapText = read(MailmapPath);
        if (mailmapText is not null)
        {
            var parsed = Mailmap.Parse(mailmapText, MailmapPath);
            diagnostics.AddRange(parsed.Diagnostics);
            mailmap = parsed.Mailmap;
        }

        var signatures = SignatureCatalog.Default;
        if (read(SignatureLoader.RepositoryFile) is { } signaturesText)
        {
            var parsed = SignatureCatalog.Parse(signaturesText, SignatureLoader.RepositoryFile);
            diagnostics.AddRange(parsed.Diagnostics);
            signatures = signatures.Merge(parsed.Catalog);
        }

        var ownership = RepositoryOwnership.Read(files, read);
        diagnostics.AddRange(ownership.Diagnostics);
        return new TrustedConfiguration(revision, directory, mailmap, signatures, ownership, diagnostics)
        {
            MailmapText = mailmapText,
            DirectorySource = yaml is null && csv is not null ? OrgCsvPath : OrgYamlPath,
        };
    }

    /// <summary>Files whose rules belong to another host (CODEOWNERS, .mailmap, the catalog), which skips a bad entry and goes on.</summary>
    public static bool IsHostFile(string source) => source is not (OrgYamlPath or OrgCsvPath or SignatureLoader.RepositoryFile);

    /// <summary>
    /// The YAML directory; or the CSV one alone; or both, the CSV adding people to the YAML's levels, teams and bots
    /// (an HR export beside a hand-written file). A person id in both keeps its YAML entry.
    /// </summary>
    private static OrgDirectory ReadDirectory(string? yaml, string? csv, string revision, List<Diagnostic> diagnostics)
    {
        if (yaml is null && csv is null)
        {
            diagnostics.Add(Diagnostic.Warning(OrgYamlPath,
                $"no organisation directory at {revision} (nor {OrgCsvPath}): nobody resolves to a person, so nobody has a level or a team"));
            return OrgDirectory.Empty;
        }

        OrgDirectory? fromYaml = null;
        if (yaml is not null)
        {
            var parsed = OrgDirectoryReader.Read(yaml, OrgYamlPath);
            diagnostics.AddRange(parsed.Diagnostics);
            fromYaml = parsed.Directory;
        }

        if (csv is null)
        {
            return fromYaml!;
        }

        var fromCsv = OrgDirectoryCsvReader.Read(csv, OrgCsvPath, fromYaml?.Levels ?? OrgDirectory.DefaultLevels, fromYaml?.Teams);
        diagnostics.AddRange(fromCsv.Diagnostics);
        if (fromYaml is null)
        {
            return fromCsv.Directory;
        }

        var people = fromYaml.People.ToList();
        foreach (var person in fromCsv.Directory.People)
        {
            if (fromYaml.FindPerson(person.Id) is null)
            {
                people.Add(person);
            }
            else
            {
                diagnostics.Add(Diagnostic.Warning(OrgCsvPath, $"person '{person.Id}' is also in {OrgYamlPath}; the YAML entry is used", field: "id"));
            }
        }

        return new OrgDirectory(fromYaml.Levels, fromYaml.Teams, people, fromYaml.Bots);
    }

    private static IEnumerable<string> CodeownersPaths() =>
        new[] { Core.Ownership.Codeowners.CodeownersFlavor.GitHub, Core.Ownership.Codeowners.CodeownersFlavor.GitLab }
            .SelectMany(Core.Ownership.Codeowners.CodeownersLocator.Candidates)
            .Distinct(StringComparer.Ordinal);
}
