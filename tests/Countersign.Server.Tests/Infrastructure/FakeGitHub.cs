using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// GitHub's REST API as far as Countersign uses it, on 127.0.0.1 (GitHub is the one system the tests cannot run):
/// installation tokens for a GitHub App (the JWT's RS256 signature checked against the App's public key, its issuer
/// and lifetime), check runs (create, update), review requests, issue comments (list, create, edit), and the test
/// repositories over git's smart HTTP (<c>git http-backend</c>, with an installation token as the password). Every
/// call is recorded — method, path, headers, JSON body — and a test can make the next calls to a route fail with a
/// 502, a 429 with <c>Retry-After</c>, or a 403 secondary rate limit.
/// </summary>
internal sealed partial class FakeGitHub : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly List<RecordedCall> calls = [];
    private readonly List<(string Route, int Left, Failure Failure)> failures = [];
    private readonly Dictionary<string, (long Installation, DateTimeOffset ExpiresAt)> tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<long, JsonObject> checkRuns = [];
    private readonly Dictionary<string, List<JsonObject>> comments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> requested = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly RsaSecurityKey appKey;
    private LoopbackApp? app;
    private long nextId = 1000;

    private FakeGitHub(long appId, RSA publicKey)
    {
        AppId = appId;
        // Its own copy of the public half: the caller may dispose its key.
        var copy = RSA.Create();
        copy.ImportParameters(publicKey.ExportParameters(false));
        appKey = new RsaSecurityKey(copy);
    }

    /// <summary>The App the fake knows.</summary>
    public long AppId { get; }

    /// <summary>The API's address (what <c>--github-api-url</c> is given), ending in '/'.</summary>
    public Uri Address => app!.Address;

    /// <summary>How long the installation tokens it issues last (GitHub: one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock the tokens' expiry is reckoned on.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The name of the App's bot account, the author of its comments.</summary>
    public string BotLogin { get; set; } = "countersign[bot]";

    /// <summary>Logins GitHub refuses as reviewers (not collaborators): a review request naming one gets a 422.</summary>
    public HashSet<string> NonCollaborators { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every call so far, oldest first.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>The check runs, by id, as they are now (created and updated).</summary>
    public IReadOnlyList<JsonObject> CheckRuns
    {
        get
        {
            lock (gate)
            {
                return [.. checkRuns.Values.Select(r => (JsonObject)r.DeepClone())];
            }
        }
    }

    /// <summary>Starts a fake for the App <paramref name="appId"/> whose key's public half is <paramref name="publicKey"/>.</summary>
    public static async Task<FakeGitHub> StartAsync(long appId, RSA publicKey)
    {
        var fake = new FakeGitHub(appId, publicKey);
        fake.app = await LoopbackApp.StartAsync(fake.HandleAsync);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app!.DisposeAsync();
        appKey.Rsa.Dispose();
    }

    /// <summary>Makes the next <paramref name="count"/> calls whose <c>METHOD /path</c> starts with <paramref name="route"/> answer <paramref name="failure"/>.</summary>
    public void FailNext(string route, int count, Failure failure)
    {
        lock (gate)
        {
            failures.Add((route, count, failure));
        }
    }

    /// <summary>Makes every installation token issued so far invalid (GitHub revoked them): the next call with one gets a 401.</summary>
    public void RevokeTokens()
    {
        lock (gate)
        {
            tokens.Clear();
        }
    }

    /// <summary>Serves the git repository at <paramref name="gitDirectory"/> as <c>http://…/OWNER/REPO.git</c> to callers with an installation token.</summary>
    public Uri ServeRepository(string fullName, string gitDirectory)
    {
        lock (gate)
        {
            repositories[fullName] = gitDirectory;
        }

        return new Uri(Address, fullName + ".git");
    }

    /// <summary>Adds a review to a pull request, as GitHub would list it.</summary>
    public void AddReview(string repository, int number, string login, string state, string commitId)
    {
        lock (gate)
        {
            List(reviews, $"{repository}#{number}").Add(new JsonObject
            {
                ["id"] = nextId++,
                ["user"] = new JsonObject { ["login"] = login, ["type"] = "User" },
                ["state"] = state,
                ["commit_id"] = commitId,
            });
        }
    }

    /// <summary>Adds a comment to a pull request, as someone else wrote it.</summary>
    public void AddComment(string repository, int number, string login, string type, string body)
    {
        lock (gate)
        {
            List(comments, $"{repository}#{number}").Add(Comment(nextId++, body, login, type));
        }
    }

    /// <summary>The comments on a pull request, oldest first.</summary>
    public IReadOnlyList<JsonObject> CommentsOn(string repository, int number)
    {
        lock (gate)
        {
            return [.. List(comments, $"{repository}#{number}").Select(c => (JsonObject)c.DeepClone())];
        }
    }

    /// <summary>The logins asked to review a pull request, in the order asked.</summary>
    public IReadOnlyList<string> RequestedReviewers(string repository, int number)
    {
        lock (gate)
        {
            return [.. List(requested, $"{repository}#{number}")];
        }
    }

    /// <summary>Asks <paramref name="login"/> for a review, as someone on GitHub did.</summary>
    public void RequestReviewer(string repository, int number, string login)
    {
        lock (gate)
        {
            List(requested, $"{repository}#{number}").Add(login);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (RepositoryPath().Match(path) is { Success: true } git)
        {
            // git's own protocol: the body is git's, for http-backend (recorded without it).
            lock (gate)
            {
                calls.Add(new RecordedCall(request.Method, path, request.QueryString.Value ?? "",
                    request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), null, DateTimeOffset.UtcNow));
            }

            await ServeGitAsync(context, git.Groups["repo"].Value, git.Groups["rest"].Value);
            return;
        }

        var text = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        JsonNode? body = null;
        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true && text.Length > 0)
        {
            body = JsonNode.Parse(text);
        }

        Failure? failure;
        lock (gate)
        {
            calls.Add(new RecordedCall(request.Method, path, request.QueryString.Value ?? "",
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, DateTimeOffset.UtcNow));
            failure = TakeFailure($"{request.Method} {path}");
        }

        if (failure is not null)
        {
            context.Response.StatusCode = failure.Status;
            foreach (var (name, value) in failure.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await Json(context, failure.Status, new JsonObject { ["message"] = failure.Message });
            return;
        }

        if (TokenPath().Match(path) is { Success: true } tokenPath && request.Method == "POST")
        {
            await IssueTokenAsync(context, long.Parse(tokenPath.Groups["id"].Value, CultureInfo.InvariantCulture));
            return;
        }

        if (Installation(request.Headers.Authorization.ToString()) is null)
        {
            await Json(context, 401, new JsonObject { ["message"] = "Bad credentials" });
            return;
        }

        var (status, answer) = Route(request.Method, path, body);
        await Json(context, status, answer);
    }

    private (int Status, JsonNode Answer) Route(string method, string path, JsonNode? body)
    {
        lock (gate)
        {
            if (method == "POST" && CheckRunsPath().Match(path) is { Success: true } create)
            {
                if (body?["name"] is null || body["head_sha"]?.GetValue<string>() is not { Length: 40 })
                {
                    return (422, new JsonObject { ["message"] = "Invalid request: name and head_sha are required" });
                }

                var run = (JsonObject)body.DeepClone();
                run["id"] = nextId++;
                run["repository"] = create.Groups["repo"].Value;
                checkRuns[run["id"]!.GetValue<long>()] = run;
                return (201, run.DeepClone());
            }

            if (method == "PATCH" && CheckRunPath().Match(path) is { Success: true } update)
            {
                var id = long.Parse(update.Groups["id"].Value, CultureInfo.InvariantCulture);
                if (!checkRuns.TryGetValue(id, out var run))
                {
                    return (404, new JsonObject { ["message"] = "Not Found" });
                }

                foreach (var (name, value) in (JsonObject)body!)
                {
                    run[name] = value?.DeepClone();
                }

                return (200, run.DeepClone());
            }

            if (ReviewersPath().Match(path) is { Success: true } reviewers)
            {
                var key = $"{reviewers.Groups["repo"].Value}#{reviewers.Groups["n"].Value}";
                if (method == "GET")
                {
                    return (200, new JsonObject
                    {
                        ["users"] = new JsonArray([.. List(requested, key).Select(l => (JsonNode)new JsonObject { ["login"] = l })]),
                        ["teams"] = new JsonArray(),
                    });
                }

                var logins = (body?["reviewers"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();
                if (logins.FirstOrDefault(NonCollaborators.Contains) is { } stranger)
                {
                    return (422, new JsonObject { ["message"] = $"Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the {reviewers.Groups["repo"].Value} repository." , ["login"] = stranger });
                }

                List(requested, key).AddRange(logins);
                return (201, new JsonObject { ["number"] = int.Parse(reviewers.Groups["n"].Value, CultureInfo.InvariantCulture) });
            }

            if (method == "GET" && ReviewsPath().Match(path) is { Success: true } listed)
            {
                return (200, new JsonArray([.. List(reviews, $"{listed.Groups["repo"].Value}#{listed.Groups["n"].Value}").Select(r => r.DeepClone())]));
            }

            if (CommentsPath().Match(path) is { Success: true } thread)
            {
                var key = $"{thread.Groups["repo"].Value}#{thread.Groups["n"].Value}";
                if (method == "GET")
                {
                    return (200, new JsonArray([.. List(comments, key).Select(c => c.DeepClone())]));
                }

                var comment = Comment(nextId++, body?["body"]?.GetValue<string>() ?? "", BotLogin, "Bot");
                List(comments, key).Add(comment);
                return (201, comment.DeepClone());
            }

            if (method == "PATCH" && CommentPath().Match(path) is { Success: true } edit)
            {
                var id = long.Parse(edit.Groups["id"].Value, CultureInfo.InvariantCulture);
                if (comments.Values.SelectMany(c => c).FirstOrDefault(c => c["id"]!.GetValue<long>() == id) is not { } comment)
                {
                    return (404, new JsonObject { ["message"] = "Not Found" });
                }

                comment["body"] = body?["body"]?.GetValue<string>();
                return (200, comment.DeepClone());
            }

            return (404, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest" });
        }
    }

    private async Task IssueTokenAsync(HttpContext context, long installation)
    {
        var jwt = context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = appKey,
            ValidIssuer = AppId.ToString(CultureInfo.InvariantCulture),
            ValidateAudience = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (_, expires, token, _) =>
                token is JsonWebToken t && t.TryGetPayloadValue<long>("iat", out var iat) && t.TryGetPayloadValue<long>("exp", out var exp)
                && exp - iat <= 600 && iat <= Time.GetUtcNow().ToUnixTimeSeconds() && exp > Time.GetUtcNow().ToUnixTimeSeconds(),
        });
        if (!validation.IsValid)
        {
            await Json(context, 401, new JsonObject { ["message"] = "A JSON web token could not be decoded", ["why"] = validation.Exception?.GetType().Name });
            return;
        }

        var token = "ghs_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        var expires = Time.GetUtcNow() + TokenLifetime;
        lock (gate)
        {
            tokens[token] = (installation, expires);
        }

        await Json(context, 201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["checks"] = "write", ["pull_requests"] = "write", ["contents"] = "read", ["metadata"] = "read" },
        });
    }

    private async Task ServeGitAsync(HttpContext context, string repository, string rest)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..])) is var pair && pair.StartsWith("x-access-token:", StringComparison.Ordinal) ? pair[15..] : null
            : null;
        string? directory;
        lock (gate)
        {
            repositories.TryGetValue(repository, out directory);
        }

        if (token is null || Installation("token " + token) is null)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"GitHub\"";
            return;
        }

        if (directory is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        await GitHttpServer.ServeAsync(context, Path.GetDirectoryName(directory)!, "/" + Path.GetFileName(directory) + rest);
    }

    /// <summary>The installation of a valid token in an <c>Authorization</c> header (<c>token X</c> or <c>Bearer X</c>), or null.</summary>
    private long? Installation(string authorization)
    {
        var token = authorization.StartsWith("token ", StringComparison.Ordinal) ? authorization[6..]
            : authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..]
            : null;
        lock (gate)
        {
            return token is not null && tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > Time.GetUtcNow() ? issued.Installation : null;
        }
    }

    private Failure? TakeFailure(string call)
    {
        for (var i = 0; i < failures.Count; i++)
        {
            var (route, left, failure) = failures[i];
            if (call.StartsWith(route, StringComparison.Ordinal))
            {
                if (left <= 1)
                {
                    failures.RemoveAt(i);
                }
                else
                {
                    failures[i] = (route, left - 1, failure);
                }

                return failure;
            }
        }

        return null;
    }

    private static JsonObject Comment(long id, string body, string login, string type) => new()
    {
        ["id"] = id,
        ["body"] = body,
        ["user"] = new JsonObject { ["login"] = login, ["type"] = type },
    };

    private static List<T> List<T>(Dictionary<string, List<T>> lists, string key) =>
        lists.TryGetValue(key, out var list) ? list : lists[key] = [];

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex("^/app/installations/(?<id>[0-9]+)/access_tokens$")]
    private static partial Regex TokenPath();

    [GeneratedRegex("^/repos/(?<repo>[^/]+/[^/]+)/check-runs$")]
    private static partial Regex CheckRunsPath();

    [GeneratedRegex("^/repos/(?<repo>[^/]+/[^/]+)/check-runs/(?<id>[0-9]+)$")]
    private static partial Regex CheckRunPath();

    [GeneratedRegex("^/repos/(?<repo>[^/]+/[^/]+)/pulls/(?<n>[0-9]+)/requested_reviewers$")]
    private static partial Regex ReviewersPath();

    [GeneratedRegex("^/repos/(?<repo>[^/]+/[^/]+)/pulls/(?<n>[0-9]+)/reviews$")]
    private static partial Regex ReviewsPath();

    [GeneratedRegex("^/repos/(?<repo>[^/]+/[^/]+)/issues/(?<n>[0-9]+)/comments$")]
    private static partial Regex CommentsPath();

    [GeneratedRegex("^/repos/(?<repo>[^/]+/[^/]+)/issues/comments/(?<id>[0-9]+)$")]
    private static partial Regex CommentPath();

    [GeneratedRegex("^/(?<repo>[^/]+/[^/]+)\\.git(?<rest>/.*)$")]
    private static partial Regex RepositoryPath();

    /// <summary>A call the fake received.</summary>
    /// <param name="Method">GET, POST, PATCH, …</param>
    /// <param name="Path">The path, without the query.</param>
    /// <param name="Query">The query, with its '?', or empty.</param>
    /// <param name="Headers">Every header, by name (case-insensitive).</param>
    /// <param name="Body">The JSON body, when there was one.</param>
    /// <param name="At">When it arrived (the machine's clock, not <see cref="Time"/>).</param>
    internal sealed record RecordedCall(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonNode? Body, DateTimeOffset At);

    /// <summary>An answer the fake gives instead of the real one.</summary>
    internal sealed record Failure(int Status, string Message, IReadOnlyDictionary<string, string> Headers)
    {
        public static Failure BadGateway { get; } = new(502, "Server Error", new Dictionary<string, string>());

        public static Failure TooManyRequests(int retryAfterSeconds) =>
            new(429, "API rate limit exceeded", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });

        public static Failure SecondaryRateLimit(int retryAfterSeconds) =>
            new(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });

        public static Failure RateLimitExhausted(DateTimeOffset reset) =>
            new(403, "API rate limit exceeded for installation.", new Dictionary<string, string>
            {
                ["X-RateLimit-Remaining"] = "0",
                ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            });

        public static Failure NotFound { get; } = new(404, "Not Found", new Dictionary<string, string>());
    }
}
