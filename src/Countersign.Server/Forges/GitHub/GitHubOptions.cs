using System.Globalization;

namespace Countersign.Server.Forges.GitHub;

/// <summary>
/// Countersign as a GitHub App (<c>Countersign:GitHub</c>; <c>serve --github-app-id</c>, <c>--github-private-key</c>,
/// <c>--github-api-url</c>, <c>--github-review-requests</c>, <c>--github-comment</c>): off until an app id is given.
/// docs/github.md says how to create the app and which permissions and events it needs.
/// </summary>
public sealed record GitHubOptions
{
    /// <summary>The default API address (github.com); GitHub Enterprise Server's is <c>https://HOST/api/v3</c>.</summary>
    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>The App's numeric id (its settings page shows it); null: not a GitHub App. Text, so a wrong value gets a clear error.</summary>
    public string? AppId { get; init; }

    /// <summary>The PEM file with the App's RSA private key (downloaded from its settings page).</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>GitHub's REST API.</summary>
    public string ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>
    /// <c>none</c> (the default), or N: while a change waits for sign-offs, ask up to N of the eligible people GitHub
    /// suggests (least loaded first) for a review on the pull request.
    /// </summary>
    public string ReviewRequests { get; init; } = "none";

    /// <summary>Also keep one comment on each pull request with the verdict, edited in place (off by default: the check run says it all).</summary>
    public bool Comment { get; init; }

    /// <summary>True when the server runs as a GitHub App.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>How many reviews to ask for; 0 for <c>none</c> (and for a value the validator refuses).</summary>
    public int ReviewRequestCount =>
        int.TryParse(ReviewRequests, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;

    /// <summary>The App id as a number (0 when it is not one; the validator refuses that at start-up).</summary>
    public long AppIdNumber =>
        long.TryParse(AppId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>Where GitHub's web pages are, for links when the dashboard's address is not configured: github.com, or the Enterprise host.</summary>
    public Uri WebUrl =>
        new Uri(ApiUrl.TrimEnd('/') + "/") is var api && api.Host == "api.github.com" ? new Uri("https://github.com/")
        : new Uri(api, api.AbsolutePath.EndsWith("/api/v3/", StringComparison.Ordinal) ? "../../" : "/");
}
