using Microsoft.Extensions.Logging;

namespace Countersign.Server;

/// <summary>
/// How the server runs: bound from the <c>Countersign</c> configuration section (appsettings.json,
/// <c>COUNTERSIGN__…</c> environment variables, then <c>countersign serve</c>'s flags on top) and checked by
/// <see cref="Hosting.ServerOptionsValidator"/> before anything opens. docs/server.md lists every key.
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "Countersign";

    public const string DefaultScimLevelAttribute = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeType";

    /// <summary>Where to listen (semicolon-separated URLs); port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>A SQLite file path (the embedded default) or a PostgreSQL connection string or URL.</summary>
    public string Database { get; init; } = "";

    /// <summary>A PEM file with the EC P-256 attestation signing key; null keeps a generated key in the database.</summary>
    public string? SigningKeyFile { get; init; }

    /// <summary>An admin token to provision if absent (from a secret store; e.g. <c>COUNTERSIGN_ADMIN_TOKEN</c>).</summary>
    public string? AdminToken { get; init; }

    /// <summary>
    /// Where a first start with no tokens writes the generated admin token (mode 0600); null: not written. A relative
    /// path is relative to the SQLite file's folder (the content root for PostgreSQL).
    /// </summary>
    public string? AdminTokenFile { get; init; }

    /// <summary>The SCIM attribute carrying a person's level (full URN path of an enterprise extension attribute).</summary>
    public string ScimLevelAttribute { get; init; } = DefaultScimLevelAttribute;

    /// <summary>Failed authentications per minute from one address before it gets 429.</summary>
    public int MaxAuthFailuresPerMinute { get; init; } = 20;

    /// <summary>
    /// Behind a reverse proxy or load balancer that terminates TLS: take the client address and scheme from its
    /// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> headers (so cookies are Secure and rate limits see clients).
    /// Only for a server no client can reach except through the proxy.
    /// </summary>
    public bool BehindProxy { get; init; }

    /// <summary>An OpenID Connect provider for dashboard sign-in, or null (tokens only).</summary>
    public OidcOptions? Oidc { get; init; }

    /// <summary>Write logs as one JSON object per line (for log shippers) instead of plain lines.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>Where the mirrors of registered repositories are kept, how large they may grow, how long a fetch may take.</summary>
    public Repositories.MirrorOptions Mirrors { get; init; } = new();

    /// <summary>Webhook intake (the forges' secrets) and the durable queues behind it: workers, leases, retries.</summary>
    public Forges.Queue.WebhookOptions Webhooks { get; init; } = new();

    /// <summary>
    /// The address people reach the dashboard at (e.g. <c>https://countersign.example.com</c>), for the links the server
    /// writes where it is not asked (check runs, commit statuses, comments); null: no links to the dashboard.
    /// </summary>
    public string? PublicUrl { get; init; }

    /// <summary>Countersign as a GitHub App: off until <see cref="Forges.GitHub.GitHubOptions.AppId"/> is set.</summary>
    public Forges.GitHub.GitHubOptions GitHub { get; init; } = new();

    /// <summary>The dashboard's page for change <paramref name="id"/> at <see cref="PublicUrl"/>; null when that is not configured.</summary>
    public Uri? ChangePage(long id) =>
        PublicUrl is { Length: > 0 } url && Uri.TryCreate(url.TrimEnd('/') + "/ui/changes/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), UriKind.Absolute, out var page)
            ? page
            : null;

    /// <summary>The GitLab instance, its access token and external status check (docs/gitlab.md).</summary>
    public Forges.GitLab.GitLabOptions GitLab { get; init; } = new();

    /// <summary>Minimum log level (Information by default).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}
