using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>A call a fake forge received: what was asked, with which credential header, and what it answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="Query">The query string, with its '?', or empty.</param>
/// <param name="Credential">The value of the forge's credential header (PRIVATE-TOKEN, Authorization), or null.</param>
/// <param name="Body">The JSON body, or null.</param>
/// <param name="Status">The status answered.</param>
internal sealed record ForgeCall(string Method, string Path, string Query, string? Credential, JsonNode? Body, int Status);

/// <summary>
/// What the fake GitHub and GitLab APIs share: Kestrel on 127.0.0.1, every call recorded, a credential checked on
/// every call (401 otherwise), and the next calls made to fail on demand (502s, or 429 with <c>Retry-After</c>) — the
/// forge's own answers are the subclass's.
/// </summary>
internal abstract class FakeForgeApi : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<ForgeCall> calls = [];
    private readonly Queue<(int Status, TimeSpan? RetryAfter, IReadOnlyDictionary<string, string>? Headers)> failures = new();
    private LoopbackApp? app;

    /// <summary>Where it listens, ending in '/'.</summary>
    public Uri Address => app!.Address;

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<ForgeCall> Calls
    {
        get
        {
            lock (gate)
            {
                return calls.ToList();
            }
        }
    }

    /// <summary>Held while <see cref="Answer"/> runs: a subclass takes it to read the state its answers keep.</summary>
    protected Lock Gate => gate;

    /// <summary>The name of the header that carries the credential.</summary>
    protected abstract string CredentialHeader { get; }

    /// <summary>Makes the next <paramref name="count"/> calls answer <paramref name="status"/> (with <c>Retry-After</c> and other headers when given).</summary>
    public void FailNext(int count, int status, TimeSpan? retryAfter = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                failures.Enqueue((status, retryAfter, headers));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    protected async Task ListenAsync() => app = await LoopbackApp.StartAsync(HandleAsync);

    /// <summary>True when the credential header's value is accepted.</summary>
    protected abstract bool Accepts(string? credential);

    /// <summary>The forge's answer to an authenticated call: status and JSON body.</summary>
    protected abstract (int Status, JsonNode? Body) Answer(string method, string path, IQueryCollection query, JsonNode? body);

    /// <summary>The body of an authentication failure, as the forge words it.</summary>
    protected abstract JsonNode Unauthorised();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        JsonNode? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }

        var credential = request.Headers.TryGetValue(CredentialHeader, out var values) ? values.ToString() : null;
        (int Status, TimeSpan? RetryAfter, IReadOnlyDictionary<string, string>? Headers)? failure = null;
        lock (gate)
        {
            if (failures.Count > 0)
            {
                failure = failures.Dequeue();
            }
        }

        (int Status, JsonNode? Body) answer;
        if (failure is { } failing)
        {
            answer = (failing.Status, new JsonObject { ["message"] = $"{failing.Status} injected failure" });
            if (failing.RetryAfter is { } after)
            {
                context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            foreach (var (name, value) in failing.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
        }
        else if (!Accepts(credential))
        {
            answer = ((int)HttpStatusCode.Unauthorized, Unauthorised());
        }
        else
        {
            lock (gate)
            {
                answer = Answer(request.Method, request.Path.Value ?? "", request.Query, body);
            }
        }

        lock (gate)
        {
            calls.Add(new ForgeCall(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", credential, body?.DeepClone(), answer.Status));
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body.ToJsonString());
        }
    }
}
