using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Forges.GitHub;

/// <summary>
/// Installation access tokens of the GitHub App, one per installation, from <c>POST /app/installations/{id}/access_tokens</c>
/// (authenticated with the App's JWT), kept until five minutes before GitHub's <c>expires_at</c> and dropped when GitHub
/// refuses one (a 401: revoked, or the installation's permissions changed). Callers on one installation share one
/// request. Tokens never reach a log line or an error message.
/// </summary>
public sealed class InstallationTokens(GitHubAppKey key, GitHubOptions options, IHttpClientFactory http, TimeProvider time)
{
    /// <summary>The name of the HTTP client every GitHub call goes through.</summary>
    public const string HttpClientName = "github";

    /// <summary>How long before GitHub's expiry a token is replaced.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<long, InstallationToken> cache = new();
    private readonly ConcurrentDictionary<long, SemaphoreSlim> gates = new();

    /// <summary>The App's id.</summary>
    public long AppId => key.AppId;

    /// <summary>How many tokens were asked of GitHub (a test and metrics figure).</summary>
    public int Issued => issued;

    private int issued;

    /// <summary>
    /// A token for <paramref name="installation"/>: the cached one while it has more than <see cref="Margin"/> left, else
    /// a new one. Problems: <see cref="Problem.Unavailable"/> when GitHub cannot be reached or answers 5xx or a rate
    /// limit (worth retrying); <see cref="Problem.NotFound"/> or <see cref="Problem.Forbidden"/> when the installation is
    /// gone or the App's key is refused.
    /// </summary>
    public async Task<Outcome<InstallationToken>> TokenAsync(long installation, CancellationToken cancellation)
    {
        if (Fresh(installation) is { } cached)
        {
            return cached;
        }

        var gate = gates.GetOrAdd(installation, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation);
        try
        {
            return Fresh(installation) is { } meanwhile ? meanwhile : await IssueAsync(installation, cancellation);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops <paramref name="token"/> (GitHub refused it): the next call gets a new one.</summary>
    public void Forget(long installation, InstallationToken token) =>
        cache.TryRemove(new KeyValuePair<long, InstallationToken>(installation, token));

    /// <summary>The token as git's secret for a mirror of a repository of <paramref name="installation"/> (<c>github-app:ID</c> credentials).</summary>
    public async Task<Outcome<string>> SecretAsync(long installation, CancellationToken cancellation) =>
        (await TokenAsync(installation, cancellation)).Map(t => t.Value);

    private InstallationToken? Fresh(long installation) =>
        cache.TryGetValue(installation, out var token) && token.ExpiresAt - time.GetUtcNow() > Margin ? token : null;

    private async Task<Outcome<InstallationToken>> IssueAsync(long installation, CancellationToken cancellation)
    {
        var what = $"installation {installation.ToString(CultureInfo.InvariantCulture)} of GitHub App {key.AppId.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, GitHubApi.Url(options, $"app/installations/{installation.ToString(CultureInfo.InvariantCulture)}/access_tokens"));
        GitHubApi.AddHeaders(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Jwt(time.GetUtcNow()));
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.CreateClient(HttpClientName).SendAsync(request, cancellation);
            body = await GitHubApi.ReadBoundedAsync(response, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellation.IsCancellationRequested)
        {
            return new Problem.Unavailable("GitHub unreachable", $"no token for {what}: {GitHubApi.Describe(e)}");
        }

        using (response)
        {
            Interlocked.Increment(ref issued);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode && Parse(body) is { } token)
            {
                cache[installation] = token;
                return token;
            }

            var why = $"GitHub answered {status} {response.ReasonPhrase} when asked for a token for {what}";
            return status switch
            {
                >= 500 or 429 => new Problem.Unavailable("GitHub unavailable", why),
                403 when response.Headers.RetryAfter is not null => new Problem.Unavailable("GitHub rate limit", why),
                404 => new Problem.NotFound($"{why}: the App is not installed there any more"),
                401 => new Problem.Forbidden($"{why}: GitHub refused the App's JWT (is --github-app-id the App of --github-private-key? is the server's clock right?)"),
                _ when response.IsSuccessStatusCode => new Problem.Unavailable("GitHub answered oddly", $"{why}, without a token and expiry"),
                _ => new Problem.Forbidden($"{why}: {Countersign.Core.Text.UntrustedText.ForTerminal(body, 200)}"),
            };
        }
    }

    private static InstallationToken? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json
                && json["token"]?.GetValue<string>() is { Length: > 0 } value
                && DateTimeOffset.TryParse(json["expires_at"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
                ? new InstallationToken(value, expires)
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>An installation access token and when GitHub lets it expire.</summary>
/// <param name="Value">The token (a secret: never logged).</param>
/// <param name="ExpiresAt">GitHub's <c>expires_at</c>.</param>
public sealed record InstallationToken(string Value, DateTimeOffset ExpiresAt)
{
    /// <summary>Not the secret.</summary>
    public override string ToString() => $"installation token expiring {ExpiresAt:O}";
}
