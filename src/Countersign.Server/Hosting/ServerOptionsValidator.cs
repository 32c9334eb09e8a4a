using Countersign.Data;
using Microsoft.Extensions.Options;

namespace Countersign.Server.Hosting;

/// <summary>
/// Checks <see cref="ServerOptions"/> before the server opens anything: every failure names the configuration key
/// (<c>Countersign:…</c>; <c>COUNTERSIGN__…</c> as an environment variable) and what is wrong with its value.
/// </summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Problems(ServerOptions options)
    {
        const string at = ServerOptions.Section + ":";
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            yield return $"{at}Database: is required (a SQLite file, or a PostgreSQL URL or connection string)";
        }

        var urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            yield return $"{at}Urls: is required (e.g. http://127.0.0.1:8080)";
        }

        foreach (var url in urls.Where(u => !u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{at}Urls: '{Shown(url)}' is not an http:// or https:// address";
        }

        if (options.MaxAuthFailuresPerMinute < 1)
        {
            yield return $"{at}MaxAuthFailuresPerMinute: must be at least 1 (got {options.MaxAuthFailuresPerMinute})";
        }

        if (string.IsNullOrWhiteSpace(options.ScimLevelAttribute))
        {
            yield return $"{at}ScimLevelAttribute: must name an attribute (default {ServerOptions.DefaultScimLevelAttribute})";
        }

        if (options.AdminToken is { } token && (!token.StartsWith(TokenStore.Prefix, StringComparison.Ordinal) || token.Length < TokenStore.Prefix.Length + 32))
        {
            // The value is a secret: never repeated.
            yield return $"{at}AdminToken: the bootstrap admin token must start with '{TokenStore.Prefix}' and carry at least 32 more characters";
        }

        if (options.SigningKeyFile is { } key && !File.Exists(key))
        {
            yield return $"{at}SigningKeyFile: no file at {Shown(key)}";
        }

        foreach (var problem in WebhookProblems(options.Webhooks))
        {
            yield return $"{at}Webhooks:{problem}";
        }

        if (options.PublicUrl is { Length: > 0 } publicUrl && (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var dashboard) || dashboard.Scheme is not ("http" or "https")))
        {
            yield return $"{at}PublicUrl: '{Shown(publicUrl)}' is not an http:// or https:// address (the dashboard's, e.g. https://countersign.example.com)";
        }

        foreach (var problem in Forges.GitHub.GitHubAppKey.Problems(options.GitHub))
        {
            yield return $"{at}GitHub:{problem}";
        }

        if (!Uri.TryCreate(options.GitLab.Url, UriKind.Absolute, out var gitlab) || gitlab.Scheme is not ("http" or "https") || gitlab.Query.Length > 0)
        {
            yield return $"{at}GitLab:Url: '{Shown(options.GitLab.Url)}' is not an http:// or https:// URL (e.g. https://gitlab.example.com)";
        }

        if (options.GitLab.ExternalStatusCheckId is < 1)
        {
            yield return $"{at}GitLab:ExternalStatusCheckId: must be a positive id (got {options.GitLab.ExternalStatusCheckId})";
        }

        if (options.Oidc is { } oidc)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
            {
                yield return $"{at}Oidc:Authority: '{Shown(oidc.Authority)}' is not an http:// or https:// URL";
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                yield return $"{at}Oidc:ClientId: is required when Oidc:Authority is set";
            }
        }
    }

    private static IEnumerable<string> WebhookProblems(Forges.Queue.WebhookOptions hooks)
    {
        foreach (var (name, file) in new[] { ("GitHubSecretFile", hooks.GitHubSecretFile), ("GitLabTokenFile", hooks.GitLabTokenFile) })
        {
            if (file is not null && !File.Exists(file))
            {
                yield return $"{name}: no file at {Shown(file)}";
            }
        }

        foreach (var (name, value) in new[] { ("Workers", hooks.Workers), ("OutboxWorkers", hooks.OutboxWorkers), ("MaxAttempts", hooks.MaxAttempts), ("IntakeBatch", hooks.IntakeBatch), ("IntakeCapacity", hooks.IntakeCapacity) })
        {
            if (value < 1)
            {
                yield return $"{name}: must be at least 1 (got {value})";
            }
        }

        foreach (var (name, value) in new[] { ("Lease", hooks.Lease), ("Poll", hooks.Poll), ("RetryBase", hooks.RetryBase), ("RetryMax", hooks.RetryMax), ("Retention", hooks.Retention) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{name}: must be a positive duration (got {value})";
            }
        }
    }

    private static string Shown(string value) => Countersign.Core.Text.UntrustedText.ForTerminal(value, 200);
}
