using Countersign.Core.Diagnostics;

namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// Reads Backstage catalog files (multi-document YAML) into a <see cref="Catalog"/>. Pure: callers pass file texts,
/// each named by a source (its path) that diagnostics and Location targets refer to. Bad documents are skipped and
/// reported with file, line and field; everything else still loads.
/// </summary>
public static class CatalogReader
{
    public static CatalogParseResult Read(IEnumerable<(string Text, string Source)> files, CatalogOptions? options = null)
    {
        var diagnostics = new List<Diagnostic>();
        var raws = new List<RawEntity>();
        foreach (var (text, source) in files)
        {
            CatalogDocumentReader.Read(text, source, raws, diagnostics);
        }

        var catalog = new CatalogBuilder(options ?? CatalogOptions.Default, diagnostics).Build(raws);
        return new CatalogParseResult(catalog, diagnostics);
    }

    /// <summary>
    /// Reads <paramref name="roots"/> and, transitively, every file a Location points at (relative file targets only;
    /// URL targets are left in <see cref="Catalog.LocationTargets"/>). <paramref name="readText"/> returns a file's text
    /// or null when it does not exist; a missing target is reported at the line that names it. Each file is read once.
    /// </summary>
    public static CatalogParseResult ReadFollowingLocations(IEnumerable<string> roots, Func<string, string?> readText, CatalogOptions? options = null)
    {
        var diagnostics = new List<Diagnostic>();
        var raws = new List<RawEntity>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<(string Path, CatalogPosition? From)>(roots.Select(r => (r, (CatalogPosition?)null)));
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Path))
            {
                continue;
            }

            if (readText(next.Path) is not { } text)
            {
                diagnostics.Add(next.From is { } from
                    ? Diagnostic.Warning(from.Source, $"location target {next.Path} does not exist", from.Line, from.Column, "spec.targets")
                    : Diagnostic.Error(next.Path, "catalog file does not exist"));
                continue;
            }

            var firstNew = raws.Count;
            CatalogDocumentReader.Read(text, next.Path, raws, diagnostics);
            for (var i = firstNew; i < raws.Count; i++)
            {
                var raw = raws[i];
                if (raw.Targets is null || !string.Equals(raw.Kind?.Value, "Location", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var target in raw.Targets)
                {
                    if (CatalogBuilder.LocationTargetPath(raw, target) is { } path)
                    {
                        pending.Enqueue((path, new CatalogPosition(raw.Source, target.Line, target.Column)));
                    }
                }
            }
        }

        var catalog = new CatalogBuilder(options ?? CatalogOptions.Default, diagnostics).Build(raws);
        return new CatalogParseResult(catalog, diagnostics);
    }
}
