using System.Security.Claims;
using System.Text.Json;
using Countersign.Server.Auth;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Countersign.Server.Api;

/// <summary>Request helpers: bodies read into outcomes whose problems name the JSON path, the caller as an audit actor, paging bounds.</summary>
internal static class Http
{
    public const int MaxPage = 500;

    /// <summary>
    /// Reads a JSON body: a malformed one is a 400 naming the path, line and position of the problem, one in another
    /// media type a 415, and one larger than Kestrel's limit a 413 (whether or not it declared its length).
    /// </summary>
    public static async Task<Outcome<T>> BodyAsync<T>(HttpContext context)
    {
        if (context.Request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new Problem.UnsupportedMediaType("send the body as application/json");
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted) is { } body
                ? body
                : new Problem.Invalid("$", "the body is null");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } path ? path : "$";
            var position = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return new Problem.Invalid(where, $"{FirstSentence(e.Message)}{position}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Problem.TooLarge(ProblemMiddleware.Unreadable(e.StatusCode).Detail);
        }
    }

    /// <summary>Reads a text body (YAML) of at most <paramref name="max"/> characters: 415 in another media type, 413 when longer.</summary>
    public static async Task<Outcome<string>> TextAsync(HttpContext context, int max)
    {
        if (context.Request.ContentType is not { } type || !(type.Contains("yaml", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            return new Problem.UnsupportedMediaType("send the document as application/yaml (or text/plain)");
        }

        using var reader = new StreamReader(context.Request.Body);
        var buffer = new char[max + 1];
        var read = 0;
        while (read <= max)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read, max + 1 - read), context.RequestAborted);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read > max)
        {
            return new Problem.TooLarge($"the document is longer than {max} characters");
        }

        var text = new string(buffer, 0, read);
        if (StorableText.Problem(text) is { } problem)
        {
            var at = text.IndexOf('\0', StringComparison.Ordinal);
            var line = at < 0 ? 0 : text.AsSpan(0, at).Count('\n') + 1;
            return new Problem.Invalid("body", line > 0 ? $"line {line}: {problem}" : problem);
        }

        return text;
    }

    /// <summary>The caller as the audit log names it: <c>token:ID</c> (and the person, for reviewer tokens).</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user.FindFirst(Scopes.PersonClaim)?.Value is { } person
            ? $"token:{user.FindFirst(Scopes.TokenClaim)?.Value}/person:{person}"
            : $"token:{user.FindFirst(Scopes.TokenClaim)?.Value ?? "anonymous"}";

    /// <summary>The page asked for (default: the first 50), or a 400 naming the bound out of range.</summary>
    public static Outcome<(int Offset, int Limit)> Paging(int? offset, int? limit) =>
        offset is < 0 ? new Problem.Invalid("offset", "must be 0 or more")
        : limit is < 1 or > MaxPage ? new Problem.Invalid("limit", $"must be between 1 and {MaxPage}")
        : (offset ?? 0, limit ?? 50);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
