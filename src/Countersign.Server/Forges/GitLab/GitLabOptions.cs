namespace Countersign.Server.Forges.GitLab;

/// <summary>
/// Where GitLab is and how Countersign talks to it: <c>serve --gitlab-url</c>, the access token from
/// <c>$COUNTERSIGN_GITLAB_TOKEN</c> (sent as <c>PRIVATE-TOKEN</c>; mirrors of GitLab projects are registered with the
/// credential <c>env:COUNTERSIGN_GITLAB_TOKEN</c>), and the external status check to answer. docs/gitlab.md.
/// </summary>
public sealed record GitLabOptions
{
    /// <summary>The name of the environment variable holding the access token.</summary>
    public const string TokenVariable = ForgeConventions.GitLabTokenVariable;

    /// <summary>The commit status's name, and the external status check's name looked up when no id is configured.</summary>
    public const string StatusName = "countersign";

    /// <summary>The GitLab instance (its API is under <c>/api/v4</c>).</summary>
    public string Url { get; init; } = "https://gitlab.com";

    /// <summary>A personal, group or project access token with the <c>api</c> scope (and <c>read_repository</c> for mirrors); null: nothing is sent to GitLab.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// The external status check to answer on every project; null: each project's check named <c>countersign</c>,
    /// looked up once (none, or a tier without external status checks: only the commit status is set).
    /// </summary>
    public long? ExternalStatusCheckId { get; init; }

    /// <summary>The API's base address, ending in <c>/api/v4/</c>.</summary>
    public Uri ApiBase => new(Url.TrimEnd('/') + "/api/v4/", UriKind.Absolute);
}
