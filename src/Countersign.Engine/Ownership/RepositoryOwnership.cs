using System.Text;
using Countersign.Core.BlastRadius;
using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Catalog;
using Countersign.Core.Ownership.Codeowners;
using Countersign.Git;

namespace Countersign.Engine.Ownership;

/// <summary>
/// The ownership facts of a repository at one revision: its Backstage catalog (every <c>catalog-info.yaml</c>
/// and the files their Locations point at) and its CODEOWNERS (GitHub locations first, then GitLab's), read
/// from git objects so any revision of a bare repository works.
/// </summary>
public sealed record RepositoryOwnership(Catalog Catalog, CodeownersFile? Codeowners, ServiceGraph Graph, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>
    /// The ownership at <paramref name="revision"/>. Entries the host itself skips (a CODEOWNERS line GitHub rejects, a
    /// catalog entity Backstage refuses) are left out and come back as error diagnostics; callers that decide (a gate,
    /// <c>impact</c>) report them as warnings (<see cref="Diagnostic.SkippedAsItsHostDoes"/>).
    /// </summary>
    public static RepositoryOwnership Load(GitRepository repository, string revision)
    {
        var commit = repository.ResolveCommit(revision);
        var files = repository.ListFiles(commit);
        var present = files.ToHashSet(StringComparer.Ordinal);
        using var blobs = new GitBlobReader(repository.Path);
        string? ReadBlob(string path) =>
            present.Contains(path) && blobs.TryRead($"{commit}:{path}") is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

        return Read(files, ReadBlob);
    }

    /// <summary>
    /// The ownership of a tree listed by <paramref name="files"/> whose contents <paramref name="read"/> returns (null
    /// when absent). Diagnostics keep their severity, as <c>policy validate</c> reports them.
    /// </summary>
    public static RepositoryOwnership Read(IReadOnlyList<string> files, Func<string, string?> read)
    {
        var present = files.ToHashSet(StringComparer.Ordinal);
        string? ReadPresent(string path) => present.Contains(path) ? read(path) : null;

        var roots = files.Where(f => f == "catalog-info.yaml" || f.EndsWith("/catalog-info.yaml", StringComparison.Ordinal)).ToList();
        var catalog = CatalogReader.ReadFollowingLocations(roots, ReadPresent);
        var diagnostics = new List<Diagnostic>(catalog.Diagnostics);

        CodeownersFile? codeowners = null;
        foreach (var flavor in (CodeownersFlavor[])[CodeownersFlavor.GitHub, CodeownersFlavor.GitLab])
        {
            var path = CodeownersLocator.Candidates(flavor).FirstOrDefault(present.Contains);
            if (path is not null && ReadPresent(path) is { } text)
            {
                var parsed = CodeownersParser.Parse(text, path, flavor);
                diagnostics.AddRange(parsed.Diagnostics);
                codeowners = parsed.File;
                break;
            }
        }

        return new RepositoryOwnership(catalog.Catalog, codeowners, BuildGraph(catalog.Catalog, codeowners), diagnostics);
    }

    /// <summary>
    /// The catalog's service graph. A component that declares no source paths (annotations or source-location)
    /// owns the folder of the <c>catalog-info.yaml</c> that describes it (the usual monorepo layout), unless that
    /// is the repository root; failing that, the folders CODEOWNERS gives to its owner group (<c>@org/&lt;group&gt;</c>).
    /// </summary>
    private static ServiceGraph BuildGraph(Catalog catalog, CodeownersFile? codeowners)
    {
        var graph = catalog.ToServiceGraph();
        foreach (var entity in catalog.Entities.Where(e => e.Kind is EntityKinds.Component or EntityKinds.Resource && e.SourcePaths.Count == 0))
        {
            var facts = new ComponentFacts(entity.Ref.ToString(), entity.Title ?? entity.Name, entity.Tier, entity.Owner?.ToString());
            var folder = Path.GetDirectoryName(entity.Position.Source)?.Replace('\\', '/');
            if (!string.IsNullOrEmpty(folder))
            {
                graph.AddComponent(facts, [folder + "/"]);
            }
            else if (codeowners is not null && entity.Owner is { } owner && FoldersOwnedBy(codeowners, owner.Name) is { Count: > 0 } folders)
            {
                graph.AddComponent(facts, folders);
            }
        }

        return graph;
    }

    /// <summary>Anchored folder patterns (<c>/services/x/</c>) whose owners include a team named like the group.</summary>
    public static IReadOnlyList<string> FoldersOwnedBy(CodeownersFile codeowners, string groupName) =>
        codeowners.Sections.SelectMany(s => s.Rules)
            .Where(r => !r.IsExclusion && r.Pattern.StartsWith('/') && r.Pattern.EndsWith('/') && r.Pattern.IndexOfAny(['*', '?', '[']) < 0)
            .Where(r => r.Owners.Any(o => o.EndsWith("/" + groupName, StringComparison.OrdinalIgnoreCase)))
            .Select(r => r.Pattern.TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Changed files that CODEOWNERS gives to no one (only when a CODEOWNERS file exists).</summary>
    public IReadOnlyList<string> OwnedByNoOne(IEnumerable<string> paths) =>
        Codeowners is null ? [] : paths.Where(p => !Codeowners.Match(p).IsOwned).ToList();

    public IReadOnlyList<string> CodeownersOf(string path) => Codeowners?.Match(path).Owners ?? [];
}
