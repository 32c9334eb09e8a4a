using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Forges.GitHub;

/// <summary>
/// One call to GitHub's REST API as an App installation: the headers GitHub asks for (<c>Accept:
/// application/vnd.github+json</c>, <c>X-GitHub-Api-Version</c>, a User-Agent), the installation token, one retry with
/// a new token when GitHub refuses the cached one (401), and the answer classified for the outbox
/// (<see cref="SendResult.Of"/>): network errors and timeouts are worth retrying.
/// </summary>
public sealed class GitHubApi(InstallationTokens tokens, GitHubOptions options, IHttpClientFactory http, TimeProvider time)
{
    /// <summary>The REST API version Countersign is written against.</summary>
    public const string ApiVersion = "2022-11-28";

    /// <summary>The most of an answer's body read (GitHub's answers to these calls are a few kilobytes).</summary>
    public const int MaxBody = 1 << 20;

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="path"/> (relative to the API address) with <paramref name="body"/>
    /// as JSON, for <paramref name="installation"/>.
    /// </summary>
    /// <returns>What it means for the outbox; a <see cref="SendResult.Sent"/> carries the parsed JSON answer.</returns>
    public async Task<SendResult> CallAsync(long installation, HttpMethod method, string path, JsonNode? body, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!(await tokens.TokenAsync(installation, cancellation)).Succeeded(out var token, out var problem))
            {
                return problem is Problem.Unavailable ? new SendResult.Retry(problem.Detail) : new SendResult.Failed(problem.Detail);
            }

            using var request = new HttpRequestMessage(method, Url(options, path));
            AddHeaders(request);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            try
            {
                using var response = await http.CreateClient(InstallationTokens.HttpClientName).SendAsync(request, cancellation);
                var text = await ReadBoundedAsync(response, cancellation);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens.Forget(installation, token);
                    continue;
                }

                return SendResult.Of(response, text, time.GetUtcNow()) switch
                {
                    SendResult.Sent sent => sent,
                    SendResult.Retry retry => retry with { Detail = $"{method} {path}: {retry.Detail}" },
                    var failed => failed with { Detail = $"{method} {path}: {failed.Detail}" },
                };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellation.IsCancellationRequested)
            {
                return new SendResult.Retry($"{method} {path}: {Describe(e)}");
            }
        }
    }

    /// <summary>The address of <paramref name="path"/> under the API address.</summary>
    internal static Uri Url(GitHubOptions options, string path) => new(new Uri(options.ApiUrl.TrimEnd('/') + "/"), path);

    /// <summary>The headers every call carries.</summary>
    internal static void AddHeaders(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Countersign", typeof(GitHubApi).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
    }

    /// <summary>The body as text, at most <see cref="MaxBody"/> characters.</summary>
    internal static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while (text.Length < MaxBody && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, MaxBody - text.Length)), cancellation)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>A network failure in a sentence (a timeout says so).</summary>
    internal static string Describe(Exception e) => e is TaskCanceledException ? "timed out" : Countersign.Core.Text.UntrustedText.ForTerminal(e.Message, 200);
}
