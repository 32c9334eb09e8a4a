using Countersign.Data;
using Microsoft.Extensions.Configuration;

namespace Countersign.Server.Hosting;

/// <summary>
/// Reads <see cref="ServerOptions"/> from configuration: binds the <c>Countersign</c> section (an unknown key is an
/// error, so a misspelt setting is not silently ignored), resolves relative paths, and validates.
/// </summary>
internal static class ServerConfiguration
{
    /// <summary>The options in <paramref name="configuration"/>; throws <see cref="InvalidOperationException"/> naming the key that is wrong.</summary>
    /// <param name="configuration">The configuration (appsettings, environment, flags).</param>
    /// <param name="contentRoot">What relative paths are relative to.</param>
    public static ServerOptions Read(IConfiguration configuration, string contentRoot)
    {
        ServerOptions options;
        try
        {
            options = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new ServerOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"invalid configuration: {e.Message}", e);
        }

        return Resolve(options with { Oidc = options.Oidc is { Authority.Length: > 0 } ? options.Oidc : null }, contentRoot);
    }

    /// <summary>
    /// Makes relative paths absolute (the SQLite file and the signing key against <paramref name="contentRoot"/>, the
    /// admin token file against the SQLite file's folder) and validates; throws <see cref="InvalidOperationException"/>
    /// listing every problem.
    /// </summary>
    /// <param name="options">The options as given.</param>
    /// <param name="contentRoot">What relative paths are relative to.</param>
    public static ServerOptions Resolve(ServerOptions options, string contentRoot)
    {
        var database = options.Database.Trim();
        var postgres = ServerDatabase.KindOf(database) == DatabaseKind.PostgreSql;
        if (!postgres && database.Length > 0)
        {
            database = Path.GetFullPath(ServerDatabase.SqlitePath(database), contentRoot);
        }

        var stateDirectory = postgres || database.Length == 0 ? contentRoot : Path.GetDirectoryName(database)!;
        var resolved = options with
        {
            Database = database,
            SigningKeyFile = Blank(options.SigningKeyFile) is { } key ? Path.GetFullPath(key, contentRoot) : null,
            AdminToken = Blank(options.AdminToken),
            AdminTokenFile = Blank(options.AdminTokenFile) is { } file ? Path.GetFullPath(file, stateDirectory) : null,
            Webhooks = options.Webhooks with
            {
                GitHubSecret = Blank(options.Webhooks.GitHubSecret),
                GitHubSecretFile = Blank(options.Webhooks.GitHubSecretFile) is { } github ? Path.GetFullPath(github, contentRoot) : null,
                GitLabToken = Blank(options.Webhooks.GitLabToken),
                GitLabTokenFile = Blank(options.Webhooks.GitLabTokenFile) is { } gitlab ? Path.GetFullPath(gitlab, contentRoot) : null,
            },
            PublicUrl = Blank(options.PublicUrl),
            GitHub = options.GitHub with
            {
                AppId = Blank(options.GitHub.AppId),
                PrivateKeyFile = Blank(options.GitHub.PrivateKeyFile) is { } pem ? Path.GetFullPath(pem, contentRoot) : null,
            },
        };
        var result = new ServerOptionsValidator().Validate(null, resolved);
        return result.Failed
            ? throw new InvalidOperationException($"invalid configuration: {string.Join("; ", result.Failures)}")
            : resolved;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
