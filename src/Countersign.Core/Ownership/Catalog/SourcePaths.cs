namespace Countersign.Core.Ownership.Catalog;

/// <summary>Turns the path annotations of an entity into repository path prefixes and globs.</summary>
public static class SourcePaths
{
    private static readonly char[] Separators = [',', '\n', '\r'];
    private static readonly string[] TreeMarkers = ["tree", "blob", "src"];

    /// <summary>
    /// Splits a <c>countersign.io/source-paths</c> value (comma- or newline-separated) into normalised entries: folders end
    /// with '/', <c>.</c> or <c>/</c> is the empty prefix (the whole repository), <c>dir/**</c> is the folder <c>dir/</c>,
    /// other globs are kept as written (without a leading <c>./</c> or <c>/</c>).
    /// </summary>
    public static IReadOnlyList<string> ParseList(string value)
    {
        var result = new List<string>();
        foreach (var part in value.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = Normalize(part);
            if (!result.Contains(normalized, StringComparer.Ordinal))
            {
                result.Add(normalized);
            }
        }

        return result;
    }

    /// <summary>True when an entry from <see cref="ParseList"/> is a glob rather than a plain prefix.</summary>
    public static bool IsGlob(string entry) => entry.AsSpan().IndexOfAny("*?[{") >= 0;

    /// <summary>
    /// Reads a <c>backstage.io/source-location</c> value such as <c>url:https://github.com/org/repo/tree/main/services/checkout/</c>
    /// into the path prefix inside the repository (<c>services/checkout/</c>; "" for the repository root). The segment after
    /// <c>tree</c>/<c>blob</c> (GitHub, GitLab's <c>-/tree</c>) or <c>src</c> (Bitbucket) is the branch, so a branch name containing
    /// '/' is misread. Returns null when the value is not such a URL, or when <paramref name="repository"/> (URL or
    /// <c>owner/repo</c> slug) is given and the location points into another repository.
    /// </summary>
    public static string? FromSourceLocation(string location, string? repository)
    {
        var text = location.Trim();
        if (text.StartsWith("url:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var marker = segments.Length <= 2 ? -1 : Array.FindIndex(segments, 2, s => TreeMarkers.Contains(s, StringComparer.Ordinal));
        var repoEnd = marker < 0 ? segments.Length : marker;
        if (repoEnd > 0 && segments[repoEnd - 1] == "-")
        {
            repoEnd--; // GitLab: group/project/-/tree/branch/path
        }

        if (repoEnd == 0)
        {
            return null;
        }

        var slug = string.Join('/', segments[..repoEnd]);
        if (slug.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            slug = slug[..^4];
        }

        if (repository is not null && !string.Equals(slug, Slug(repository), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (marker < 0 || marker + 2 >= segments.Length)
        {
            return "";
        }

        return Normalize(string.Join('/', segments[(marker + 2)..].Select(Uri.UnescapeDataString)));
    }

    private static string Slug(string repository)
    {
        var text = repository.Trim();
        var path = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : text;
        path = path.Trim('/');
        return path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
    }

    private static string Normalize(string entry)
    {
        var p = entry.Trim().Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        p = p.TrimStart('/');
        if (p is "." or "**")
        {
            return "";
        }

        if (p.EndsWith("/**", StringComparison.Ordinal))
        {
            p = p[..^2];
        }

        return p.Length == 0 || p.EndsWith('/') || IsGlob(p) ? p : p + "/";
    }
}
