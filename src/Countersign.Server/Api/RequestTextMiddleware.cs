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
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                // The form reader's own limits (field count, key and value length): the client's form, not our failure.
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
}
