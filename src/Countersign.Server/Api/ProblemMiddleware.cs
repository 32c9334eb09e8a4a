using Countersign.Server.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Api;

/// <summary>
/// Turns every failure into a ProblemDetails answer (a SCIM error document under <c>/scim</c>). Expected refusals are
/// not failures: endpoints answer them as typed results (<see cref="Problems"/>). What is left here: a request Kestrel could not read (a body over the size limit, chunked
/// or not, is a 413; a malformed or too slow one a 400 or 408) with its status; a database failure as
/// <see cref="DatabaseFailure"/> classifies it (503 only when the database is unavailable); a damaged audit head as a 503
/// marked <see cref="Countersign.Contracts.ProblemCodes.AuditDamaged"/> (tampering, not unavailability); anything else as a 500
/// with no internals. Nothing a client sends ends as a 5xx. Exceptions are logged, never sent.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (AuditHeadException e) when (!context.Response.HasStarted)
        {
            logger.LogError("Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, e.Message);
            // Marked apart from unavailability: a client must fail closed on a damaged log even when told to fail open.
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Audit log damaged", e.Message, null, Countersign.Contracts.ProblemCodes.AuditDamaged);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var (title, detail) = Unreadable(e.StatusCode);
            await WriteAsync(context, e.StatusCode, title, detail, null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && DatabaseFailure.Classify(e) is { } failure)
        {
            logger.LogError(e, "Database failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, failure.Status, failure.Title, failure.Detail, null);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error", "the server failed on this request; nothing was changed. The failure is in the server's log.", null);
        }
    }

    /// <summary>The words for a request Kestrel refused to read, by the status it chose.</summary>
    internal static (string Title, string Detail) Unreadable(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => ("Body too large", $"the request body is larger than {ServerHost.MaxRequestBodyBytes / (1024 * 1024)} MiB ({ServerHost.MaxRequestBodyBytes} bytes); nothing was read"),
        StatusCodes.Status408RequestTimeout => ("Request timeout", "the request body did not arrive in time"),
        _ => ("Bad request", "the request could not be read (malformed HTTP framing or encoding)"),
    };

    internal static async Task WriteAsync(HttpContext context, int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions, string? code = null)
    {
        if (context.Request.Path.StartsWithSegments("/scim", StringComparison.OrdinalIgnoreCase))
        {
            await Scim.ScimEndpoints.WriteErrorAsync(context, status, null, detail);
            return;
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        if (code is not null)
        {
            problem.Type = Countersign.Contracts.ProblemCodes.TypePrefix + code;
            problem.Extensions["code"] = code;
        }

        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        context.Response.StatusCode = status;
        await Results.Problem(problem).ExecuteAsync(context);
    }
}
