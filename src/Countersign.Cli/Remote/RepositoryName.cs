using Countersign.Git;

namespace Countersign.Cli.Remote;

/// <summary>
/// How a repository is named on the server: <c>$GITHUB_REPOSITORY</c> or <c>$CI_PROJECT_PATH</c> in CI, else the
/// <c>owner/name</c> of the <c>origin</c> remote, else the folder's name. <c>--repository-name</c> overrides all.
/// </summary>
internal static class RepositoryName
{
    public static string Of(GitRepository repository, Func<string, string?> environment, string? explicitName = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitName))
        {
            return explicitName;
        }

        foreach (var variable in new[] { "GITHUB_REPOSITORY", "CI_PROJECT_PATH" })
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                return value;
            }
        }

        if (repository.ConfigValue("remote.origin.url") is { Length: > 0 } url)
        {
            var path = url.TrimEnd('/');
            path = path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
            var colon = path.LastIndexOf(':');
            if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git")
            {
                path = uri.AbsolutePath.Trim('/');
            }
            else if (colon > 0 && !path.Contains("://", StringComparison.Ordinal))
            {
                path = path[(colon + 1)..].Trim('/');
            }

            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2)
            {
                return $"{parts[^2]}/{parts[^1]}";
            }
        }

        var dir = repository.Path.TrimEnd('/', '\\');
        dir = dir.EndsWith("/.git", StringComparison.Ordinal) ? dir[..^5] : dir;
        return Path.GetFileName(dir);
    }
}
