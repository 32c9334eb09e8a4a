namespace Countersign.Core.Ownership.Catalog;

/// <summary>Pure path arithmetic on '/'-separated source names, so Location targets resolve without touching a file system.</summary>
internal static class CatalogPaths
{
    /// <summary><c>ResolveRelative("examples/all.yaml", "./apis/x.yaml")</c> is <c>examples/apis/x.yaml</c>; an absolute target stays as it is.</summary>
    public static string ResolveRelative(string source, string target)
    {
        var normalizedTarget = target.Replace('\\', '/');
        if (normalizedTarget.StartsWith('/'))
        {
            return normalizedTarget;
        }

        var normalizedSource = source.Replace('\\', '/');
        var slash = normalizedSource.LastIndexOf('/');
        var combined = slash < 0 ? normalizedTarget : normalizedSource[..(slash + 1)] + normalizedTarget;
        var rooted = combined.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in combined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "." )
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return (rooted ? "/" : "") + string.Join('/', parts);
    }
}
