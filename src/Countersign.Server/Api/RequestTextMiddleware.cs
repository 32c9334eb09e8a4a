using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Api;

/// <summary>
/// Refuses, before any endpoint runs, a request whose path, query parameters, headers or form fields hold text that
/// cannot be stored (<see cref="StorableText"/>): a 400 naming the parameter, the same on every store, instead of a
/// database error. JSON bodies are checked as they are read (<see cref="StorableStringConverter"/>, SCIM's reader).
/// </summary>
internal sealed class RequestTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (await UnstorableAsync(context) is { } problem)
        {
            await ProblemMiddleware.WriteAsync(context, problem.Status, problem.Title, problem.Detail, problem.Extensions);
            return;
        }

        await next(context);
    }

    /// <summary>The first parameter of the request that cannot be stored, or a form that cannot be read; null when all is well.</summary>
    private static async Task<Problem?> UnstorableAsync(HttpContext context)
    {
        var request = context.Request;
        var problem = Check("path", request.Path.Value);
        foreach (var (name, values) in request.Query)
        {
            problem ??= Check("query parameter name", name) ?? values.Select(value => Check($"query parameter '{name}'", value)).FirstOrDefault(p => p is not null);
        }

        foreach (var (name, values) in request.Headers)
        {
            problem ??= values.Select(value => Check($"header '{name}'", value)).FirstOrDefault(p => p is not null);
        }

        if (problem is not null || !request.HasFormContentType || request.Method != HttpMethods.Post)
        {
            return problem;
        }

        // Buffered, so that a form the reader refuses can be read again to name the field at fault.
        request.EnableBuffering();
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            // The form reader's own limits (field count, key and value length) and characters it refuses (U+0000):
            // the client's form, not our failure.
            return await NameUnstorableFieldAsync(request, context.RequestAborted) ?? new Problem.Invalid("form", $"the form cannot be read: {e.Message}");
        }

        foreach (var (name, values) in form)
        {
            problem ??= Check("form field name", name) ?? values.Select(value => Check($"form field '{name}'", value)).FirstOrDefault(p => p is not null);
        }

        return problem;
    }

    /// <summary>
    /// The form reader refuses a URL-encoded field holding U+0000 without saying which: read the form again, plainly,
    /// and name the field, as every other place does.
    /// </summary>
    private static async Task<Problem?> NameUnstorableFieldAsync(HttpRequest request, CancellationToken cancel)
    {
        if (!request.Body.CanSeek || !string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancel);
        foreach (var pair in text.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            if ((Check("form field name", name) ?? Check($"form field '{name}'", equals < 0 ? "" : Decode(pair[(equals + 1)..]))) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static Problem? Check(string field, string? value) =>
        value is not null && StorableText.Problem(value) is { } why ? new Problem.Invalid(field, why) : null;

    private static string Decode(string encoded)
    {
        try
        {
            return Uri.UnescapeDataString(encoded.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return encoded;
        }
    }
}
