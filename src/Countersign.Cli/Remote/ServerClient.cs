using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.Text;
using Countersign.Server;
using Countersign.Contracts;

namespace Countersign.Cli.Remote;

/// <summary>
/// The CLI's side of the REST API. Failures come in two kinds, because enforcement treats them differently:
/// <see cref="ServerFailureException"/> (no usable answer: unreachable, a timeout, a 5xx, something that is not the
/// API; <see cref="ServerFailureException.Unavailable"/> says whether <c>--fail-open</c> may apply) and
/// <see cref="ServerRefusedException"/> (the server answered no: bad token, unknown change, refused sign-off).
/// </summary>
internal sealed class ServerClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly HttpClient http;

    public ServerClient(RemoteServer server, Func<string, string?> environment, TimeSpan? timeout = null)
    {
        Server = server;
        http = new HttpClient { BaseAddress = server.Url, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        var token = server.Token ?? environment("COUNTERSIGN_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        http.DefaultRequestHeaders.UserAgent.ParseAdd("countersign-cli/0.1");
    }

    public RemoteServer Server { get; }

    public Task<ChangeView> RegisterAsync(ChangeRegistration registration) => SendAsync<ChangeView>(HttpMethod.Post, "api/v1/changes", registration);

    /// <summary>Asks the server to build a registered repository's change itself (no facts sent).</summary>
    public Task<ChangeView> BuildAsync(ChangeBuildRequest request) => SendAsync<ChangeView>(HttpMethod.Post, "api/v1/changes", request);

    /// <summary>True when the server builds <paramref name="repository"/>'s changes itself (it is registered); false on a 404.</summary>
    public async Task<bool> BuildsItselfAsync(string repository)
    {
        try
        {
            await SendAsync<RepositoryView>(HttpMethod.Get, $"api/v1/repositories/{RepositoryPath(repository)}", null);
            return true;
        }
        catch (ServerRefusedException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends a push's objects as a git bundle to the server's mirror of <paramref name="repository"/> (before the push is
    /// accepted the server cannot fetch them); the server verifies the bundle and keeps its objects under refs of its own.
    /// </summary>
    public Task<BundleReceipt> SendBundleAsync(string repository, Stream bundle)
    {
        var content = new StreamContent(bundle);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-git-bundle");
        return SendAsync<BundleReceipt>(HttpMethod.Post, $"api/v1/repositories/{RepositoryPath(repository)}/bundles", content);
    }

    public Task<ChangeView> FindAsync(string repository, string key) =>
        SendAsync<ChangeView>(HttpMethod.Get, $"api/v1/changes/lookup?repository={Uri.EscapeDataString(repository)}&key={Uri.EscapeDataString(key)}", null);

    public Task<SignOffResponse> SignOffAsync(long id, SignOffRequest request) => SendAsync<SignOffResponse>(HttpMethod.Post, $"api/v1/changes/{id}/signoffs", request);

    public Task<DeployDecisionView> DeployAsync(DeployRequest request) => SendAsync<DeployDecisionView>(HttpMethod.Post, "api/v1/deploys", request);

    /// <summary>Asks the server to decide a registered repository's deploy from its own mirror (no changes or policy sent).</summary>
    public Task<DeployDecisionView> DeployBuildAsync(DeployBuildRequest request) => SendAsync<DeployDecisionView>(HttpMethod.Post, "api/v1/deploys", request);

    public Task<Core.Audit.AuditVerification> VerifyAuditAsync(string? expectHead) =>
        SendAsync<Core.Audit.AuditVerification>(HttpMethod.Get, "api/v1/audit/verify" + (expectHead is null ? "" : $"?expectHead={Uri.EscapeDataString(expectHead)}"), null);

    public Task<JsonNode> GetAsync(string path) => SendAsync<JsonNode>(HttpMethod.Get, path, null);

    public Task<CreatedToken> CreateTokenAsync(TokenRequest request) => SendAsync<CreatedToken>(HttpMethod.Post, "api/v1/tokens", request);

    public Task<List<TokenView>> TokensAsync() => SendAsync<List<TokenView>>(HttpMethod.Get, "api/v1/tokens", null);

    public Task RevokeTokenAsync(string id) => SendAsync<JsonNode?>(HttpMethod.Delete, $"api/v1/tokens/{Uri.EscapeDataString(id)}", null);

    public void Dispose() => http.Dispose();

    private static string RepositoryPath(string repository) => string.Join('/', repository.Split('/').Select(Uri.EscapeDataString));

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            throw new ServerFailureException($"cannot reach the server at {Server.Url}: {(e.InnerException as SocketException)?.Message ?? e.Message}", unavailable: true, e);
        }
        catch (TaskCanceledException e)
        {
            throw new ServerFailureException($"the server at {Server.Url} did not answer within {http.Timeout.TotalSeconds:0} s", unavailable: true, e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return default!;
            }

            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new JsonException("empty answer");
                }
                catch (JsonException e)
                {
                    // Whatever answered is up and is not the API (a wrong URL, a portal): nothing to wait for.
                    throw new ServerFailureException($"the server at {Server.Url} answered {path} with something that is not the Countersign API: {e.Message}", unavailable: false, e);
                }
            }

            var problem = await ReadProblemAsync(response);
            var detail = Text(problem, "detail") ?? Text(problem, "title") ?? response.ReasonPhrase ?? "";
            var code = Text(problem, "code");
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var what = code switch
                {
                    ProblemCodes.AuditDamaged => "reports its audit log damaged, a sign of tampering",
                    ProblemCodes.AuthThrottled => "refuses this address after too many failed authentications",
                    _ => "failed",
                };
                throw new ServerFailureException(
                    $"the server at {Server.Url} {what} ({(int)response.StatusCode}): {UntrustedText.ForTerminal(detail)}", ServerFailureException.IsUnavailable(response.StatusCode, code));
            }

            var reasons = problem?["reasons"] is JsonArray list ? list.Select(r => r?.GetValue<string>() ?? "").ToList() : [];
            throw new ServerRefusedException(response.StatusCode, detail.Length > 0 ? detail : $"HTTP {(int)response.StatusCode}", reasons);
        }
    }

    private static async Task<JsonNode?> ReadProblemAsync(HttpResponseMessage response)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string member of a problem document; anything else (a proxy's page, a number) is absent.</summary>
    private static string? Text(JsonNode? problem, string name) =>
        problem is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServerHost.ConfigureJson(options);
        return options;
    }
}

/// <summary>The server answered and said no (4xx): a bad token, an unknown change, a refused sign-off.</summary>
internal sealed class ServerRefusedException(HttpStatusCode status, string message, IReadOnlyList<string> reasons) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public IReadOnlyList<string> Reasons { get; } = reasons;
}
