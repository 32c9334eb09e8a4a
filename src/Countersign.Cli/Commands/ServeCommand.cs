using System.CommandLine;
using Countersign.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Countersign.Cli.Commands;

/// <summary><c>countersign serve</c>: the shared server (REST API, SCIM, audit log, attestations) on SQLite or PostgreSQL.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://0.0.0.0:8080 (port 0 picks a free one; default http://127.0.0.1:8080)" };
        var database = new Option<string?>("--database") { Description = "A SQLite file, or a PostgreSQL URL / connection string for several replicas (default: $COUNTERSIGN_DATABASE, else ~/.local/share/countersign/server.db)" };
        var key = new Option<string?>("--signing-key") { Description = "PEM file with the EC P-256 key attestations are signed with (default: one generated and kept in the database)" };
        var org = new Option<string?>("--import-org") { Description = "Import this org.yaml into the directory at start-up" };
        var catalog = new Option<string?>("--import-catalog") { Description = "Import this Backstage catalog file at start-up" };
        var jsonLogs = new Option<bool>("--json-logs") { Description = "Log one JSON object per line" };
        var scimLevel = new Option<string?>("--scim-level-attribute") { Description = $"The SCIM attribute that carries a person's level (default {ServerOptions.DefaultScimLevelAttribute})" };
        var oidcAuthority = new Option<string?>("--oidc-authority") { Description = "Dashboard sign-in through this OpenID Connect issuer (its client secret from $COUNTERSIGN_OIDC_CLIENT_SECRET)" };
        var behindProxy = new Option<bool>("--behind-proxy") { Description = "Trust X-Forwarded-For/-Proto from a TLS-terminating proxy (only when clients cannot reach the server directly)" };
        var oidcClient = new Option<string?>("--oidc-client-id") { Description = "This server's client id at the OpenID Connect provider (default countersign)" };
        var mirrors = new Option<string?>("--mirrors") { Description = "Folder for the mirrors of registered repositories (default: 'mirrors' beside a SQLite database)" };
        var mirrorsMax = new Option<long?>("--mirrors-max-bytes") { Description = "The most the mirrors may take on disk; fetches are refused beyond it (default 20 GiB)" };
        var githubSecret = new Option<string?>("--github-webhook-secret-file") { Description = "File holding the GitHub App's webhook secret: enables POST /api/v1/webhooks/github (or $COUNTERSIGN_GITHUB_WEBHOOK_SECRET)" };
        var gitlabToken = new Option<string?>("--gitlab-webhook-token-file") { Description = "File holding the GitLab webhook's secret token: enables POST /api/v1/webhooks/gitlab (or $COUNTERSIGN_GITLAB_WEBHOOK_TOKEN)" };
        var publicUrl = new Option<string?>("--public-url") { Description = "The address people reach the dashboard at, for links in check runs, statuses and comments (e.g. https://countersign.example.com)" };
        var githubApp = new Option<string?>("--github-app-id") { Description = "Run as this GitHub App (its numeric id; docs/github.md): check runs, review requests, mirrors fetched with installation tokens" };
        var githubKey = new Option<string?>("--github-private-key") { Description = "The GitHub App's private key: the .pem file from its settings page" };
        var githubApi = new Option<string?>("--github-api-url") { Description = $"GitHub's REST API (default {Countersign.Server.Forges.GitHub.GitHubOptions.DefaultApiUrl}; GitHub Enterprise Server: https://HOST/api/v3)" };
        var githubReviews = new Option<string?>("--github-review-requests") { Description = "none (default), or N: ask up to N eligible seniors for a review while a pull request waits for sign-off" };
        var githubComment = new Option<bool>("--github-comment") { Description = "Also keep one comment with the verdict on each pull request, edited in place (off by default)" };
        var gitlabUrl = new Option<string?>("--gitlab-url") { Description = "The GitLab instance merge requests come from (default https://gitlab.com); its access token from $COUNTERSIGN_GITLAB_TOKEN" };
        var gitlabCheck = new Option<long?>("--gitlab-external-status-check-id") { Description = "The GitLab external status check to answer (default: each project's check named countersign, if any)" };
        var command = new Command("serve", "Run the Countersign server: the dashboard, shared changes, sign-offs, audit log and attestations over REST (settings also from appsettings.json and COUNTERSIGN__* variables: docs/server.md)")
        {
            urls, database, key, org, catalog, jsonLogs, scimLevel, oidcAuthority, oidcClient, behindProxy, mirrors, mirrorsMax,
            publicUrl, githubApp, githubKey, githubApi, githubReviews, githubComment, githubSecret, gitlabToken, gitlabUrl, gitlabCheck,
        };
        command.SetAction((parse, cancellation) => RunAsync(context, new ServeRequest(
            parse.GetValue(urls), parse.GetValue(database), parse.GetValue(key), parse.GetValue(org), parse.GetValue(catalog), parse.GetValue(jsonLogs), parse.GetValue(scimLevel))
        {
            OidcAuthority = parse.GetValue(oidcAuthority),
            OidcClientId = parse.GetValue(oidcClient),
            BehindProxy = parse.GetValue(behindProxy),
            Mirrors = parse.GetValue(mirrors),
            MirrorsMaxBytes = parse.GetValue(mirrorsMax),
            GitHubWebhookSecretFile = parse.GetValue(githubSecret),
            GitLabWebhookTokenFile = parse.GetValue(gitlabToken),
            PublicUrl = parse.GetValue(publicUrl),
            GitHubAppId = parse.GetValue(githubApp),
            GitHubPrivateKey = parse.GetValue(githubKey),
            GitHubApiUrl = parse.GetValue(githubApi),
            GitHubReviewRequests = parse.GetValue(githubReviews),
            GitHubComment = parse.GetValue(githubComment),
            GitLabUrl = parse.GetValue(gitlabUrl),
            GitLabExternalStatusCheckId = parse.GetValue(gitlabCheck),
        }, null, cancellation));
        return command;
    }

    /// <summary>What <c>serve</c> was asked for: a flag left out is null (or false) and leaves the setting to configuration.</summary>
    internal sealed record ServeRequest(string? Urls, string? Database, string? SigningKey, string? ImportOrg, string? ImportCatalog, bool JsonLogs, string? ScimLevelAttribute)
    {
        public string? OidcAuthority { get; init; }

        public string? OidcClientId { get; init; }

        public bool BehindProxy { get; init; }

        /// <summary>The mirrors folder; null: configuration's (or beside a SQLite database).</summary>
        public string? Mirrors { get; init; }

        /// <summary>The disk cap of the mirrors; null: configuration's.</summary>
        public long? MirrorsMaxBytes { get; init; }

        /// <summary>The file holding GitHub's webhook secret; null: configuration's (or <c>$COUNTERSIGN_GITHUB_WEBHOOK_SECRET</c>).</summary>
        public string? GitHubWebhookSecretFile { get; init; }

        /// <summary>The file holding GitLab's webhook token; null: configuration's (or <c>$COUNTERSIGN_GITLAB_WEBHOOK_TOKEN</c>).</summary>
        public string? GitLabWebhookTokenFile { get; init; }

        /// <summary>The dashboard's public address (<c>--public-url</c>); null: configuration's.</summary>
        public string? PublicUrl { get; init; }

        /// <summary>The GitHub App's id (<c>--github-app-id</c>); null: configuration's.</summary>
        public string? GitHubAppId { get; init; }

        /// <summary>The GitHub App's private key file (<c>--github-private-key</c>); null: configuration's.</summary>
        public string? GitHubPrivateKey { get; init; }

        /// <summary>GitHub's API address (<c>--github-api-url</c>); null: configuration's.</summary>
        public string? GitHubApiUrl { get; init; }

        /// <summary><c>none</c> or N (<c>--github-review-requests</c>); null: configuration's.</summary>
        public string? GitHubReviewRequests { get; init; }

        /// <summary>Keep a verdict comment on pull requests (<c>--github-comment</c>); false: configuration's.</summary>
        public bool GitHubComment { get; init; }

        /// <summary>The GitLab instance; null: configuration's (default https://gitlab.com).</summary>
        public string? GitLabUrl { get; init; }

        /// <summary>The GitLab external status check's id; null: configuration's (default: looked up by name).</summary>
        public long? GitLabExternalStatusCheckId { get; init; }

        /// <summary>The least important log events written (the demo keeps its story clean: warnings and worse only); null: configuration's.</summary>
        public Microsoft.Extensions.Logging.LogLevel? LogLevel { get; init; }

        /// <summary>With no admin token yet, create one and write it to a file beside the database (the demo creates its own instead).</summary>
        public bool ProvisionAdminTokenFile { get; init; } = true;
    }

    /// <summary>The default database: a SQLite file in the user's data folder.</summary>
    internal static string DefaultDatabase(CliContext context) =>
        context.Environment("COUNTERSIGN_DATABASE") is { Length: > 0 } configured ? configured
            : Path.Combine(context.Environment("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "countersign", "server.db");

    /// <summary>Starts the server, prints its address, and runs until <paramref name="cancellation"/> or a signal stops it.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="request">How to run.</param>
    /// <param name="started">Called with the server and its address once it listens (the demo loads its workspace here).</param>
    /// <param name="cancellation">Stops the server.</param>
    internal static async Task<int> RunAsync(CliContext context, ServeRequest request, Func<WebApplication, string, Task>? started, CancellationToken cancellation)
    {
        var (defaults, overrides) = Settings(context, request);
        WebApplication app;
        try
        {
            app = await ServerHost.CreateAsync(context.WorkingDirectory, defaults, overrides);
        }
        catch (InvalidOperationException e)
        {
            return context.Fail(ExitCodes.Infrastructure, $"the server cannot start: {e.Message}");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            return context.Fail(ExitCodes.Infrastructure, $"the server cannot start: {Storage.StorageFailure.Explain(e)}");
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellation);
            }
            catch (IOException e)
            {
                return context.Fail(ExitCodes.Infrastructure, $"the server cannot listen on {app.Services.GetRequiredService<ServerOptions>().Urls}: {e.Message}");
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            if (request.ImportOrg is not null || request.ImportCatalog is not null)
            {
                var failure = await ServerImport.RunAsync(context, app, request.ImportOrg, request.ImportCatalog);
                if (failure != 0)
                {
                    await app.StopAsync(CancellationToken.None);
                    return failure;
                }
            }

            if (started is not null)
            {
                await started(app, address);
            }

            var store = app.Services.GetRequiredService<Countersign.Data.ServerDatabase>();
            var storeName = store.Kind == Countersign.Data.DatabaseKind.PostgreSql ? "PostgreSQL" : $"SQLite {app.Services.GetRequiredService<ServerOptions>().Database}";
            context.Stdout.WriteLine($"Countersign server listening on {address} ({storeName}); dashboard at {address}/ui, API reference at {address}/docs");
            context.Stdout.Flush();
            await app.WaitForShutdownAsync(cancellation);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The server's settings from this command: <c>defaults</c> (the database in the user's data folder, secrets from
    /// <c>COUNTERSIGN_ADMIN_TOKEN</c> and <c>COUNTERSIGN_OIDC_CLIENT_SECRET</c>) lose to appsettings.json and
    /// <c>COUNTERSIGN__…</c> variables; <c>overrides</c> (the flags given) win over both.
    /// </summary>
    internal static (Dictionary<string, string?> Defaults, Dictionary<string, string?> Overrides) Settings(CliContext context, ServeRequest request)
    {
        const string at = ServerOptions.Section + ":";
        var defaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [at + nameof(ServerOptions.Database)] = DefaultDatabase(context),
            [at + nameof(ServerOptions.AdminToken)] = context.Environment("COUNTERSIGN_ADMIN_TOKEN") is { Length: > 0 } token ? token : null,
            [at + nameof(ServerOptions.AdminTokenFile)] = request.ProvisionAdminTokenFile ? "countersign-admin-token" : null,
            [at + "Oidc:ClientSecret"] = context.Environment("COUNTERSIGN_OIDC_CLIENT_SECRET") is { Length: > 0 } secret ? secret : null,
            [at + "Webhooks:GitHubSecret"] = context.Environment("COUNTERSIGN_GITHUB_WEBHOOK_SECRET") is { Length: > 0 } github ? github : null,
            [at + "Webhooks:GitLabToken"] = context.Environment("COUNTERSIGN_GITLAB_WEBHOOK_TOKEN") is { Length: > 0 } gitlab ? gitlab : null,
            [at + "GitLab:Token"] = context.Environment(Countersign.Server.Forges.GitLab.GitLabOptions.TokenVariable) is { Length: > 0 } gitlabToken ? gitlabToken : null,
        };
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Flag(string key, string? value)
        {
            if (value is not null)
            {
                overrides[at + key] = value;
            }
        }

        Flag(nameof(ServerOptions.Urls), request.Urls);
        Flag(nameof(ServerOptions.Database), request.Database is { } database && Countersign.Data.ServerDatabase.KindOf(database) != Countersign.Data.DatabaseKind.PostgreSql
            ? OutputPath.Require("--database", database, context.WorkingDirectory)
            : request.Database);
        Flag(nameof(ServerOptions.SigningKeyFile), request.SigningKey is null ? null : Path.GetFullPath(request.SigningKey, context.WorkingDirectory));
        Flag(nameof(ServerOptions.ScimLevelAttribute), request.ScimLevelAttribute);
        Flag(nameof(ServerOptions.JsonLogs), request.JsonLogs ? "true" : null);
        Flag(nameof(ServerOptions.BehindProxy), request.BehindProxy ? "true" : null);
        Flag(nameof(ServerOptions.LogLevel), request.LogLevel?.ToString());
        Flag("Oidc:Authority", request.OidcAuthority);
        Flag("Oidc:ClientId", request.OidcClientId);
        Flag("Mirrors:Directory", request.Mirrors is null ? null : Path.GetFullPath(request.Mirrors, context.WorkingDirectory));
        Flag("Webhooks:GitHubSecretFile", request.GitHubWebhookSecretFile is null ? null : Path.GetFullPath(request.GitHubWebhookSecretFile, context.WorkingDirectory));
        Flag("Webhooks:GitLabTokenFile", request.GitLabWebhookTokenFile is null ? null : Path.GetFullPath(request.GitLabWebhookTokenFile, context.WorkingDirectory));
        Flag("GitLab:Url", request.GitLabUrl);
        Flag("GitLab:ExternalStatusCheckId", request.GitLabExternalStatusCheckId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Flag("Mirrors:MaxBytes", request.MirrorsMaxBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Flag(nameof(ServerOptions.PublicUrl), request.PublicUrl);
        Flag("GitHub:AppId", request.GitHubAppId);
        Flag("GitHub:PrivateKeyFile", request.GitHubPrivateKey is null ? null : Path.GetFullPath(request.GitHubPrivateKey, context.WorkingDirectory));
        Flag("GitHub:ApiUrl", request.GitHubApiUrl);
        Flag("GitHub:ReviewRequests", request.GitHubReviewRequests);
        Flag("GitHub:Comment", request.GitHubComment ? "true" : null);
        if (!request.ProvisionAdminTokenFile)
        {
            overrides[at + nameof(ServerOptions.AdminTokenFile)] = "";
        }

        return (defaults, overrides);
    }
}
