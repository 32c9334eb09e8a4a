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
        var request = context.Request;
        StorableText.Check("path", request.Path.Value);
        foreach (var (name, values) in request.Query)
        {
            StorableText.Check("query parameter name", name);
            foreach (var value in values)
            {
                StorableText.Check($"query parameter '{name}'", value);
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                StorableText.Check($"header '{name}'", value);
            }
        }

        if (request.HasFormContentType && request.Method == HttpMethods.Post)
        {
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
                await NameUnstorableFieldAsync(request, context.RequestAborted);
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid form", $"the form cannot be read: {e.Message}");
            }

            foreach (var (name, values) in form)
            {
                StorableText.Check("form field name", name);
                foreach (var value in values)
                {
                    StorableText.Check($"form field '{name}'", value);
                }
            }
        }

        await next(context);
    }

    /// <summary>
    /// The form reader refuses a URL-encoded field holding U+0000 without saying which: read the form again, plainly,
    /// and refuse it naming the field, as every other place does.
    /// </summary>
    private static async Task NameUnstorableFieldAsync(HttpRequest request, CancellationToken cancel)
    {
        if (!request.Body.CanSeek || !string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancel);
        foreach (var pair in text.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            StorableText.Check("form field name", name);
            StorableText.Check($"form field '{name}'", equals < 0 ? "" : Decode(pair[(equals + 1)..]));
        }
    }

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
