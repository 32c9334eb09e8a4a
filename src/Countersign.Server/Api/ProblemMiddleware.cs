using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Api;

/// <summary>
/// Turns every failure into a ProblemDetails answer: <see cref="ApiProblemException"/> as itself, a database that cannot be
/// reached as 503 (so clients fail closed and retry), anything else as a 500 with no internals; the exception is
/// logged, never sent.
/// </summary>
internal sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiProblemException problem) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, problem.Status, problem.Title, problem.Detail, problem.Extensions);
        }
        catch (Countersign.Server.Data.AuditHeadException e) when (!context.Response.HasStarted)
        {
            logger.LogError("Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, e.Message);
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Audit log damaged", e.Message, null);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            logger.LogError(e, "Database failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Database unavailable", "the server cannot reach its database; nothing was changed. Retry later.", null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error", "the server failed on this request; nothing was changed. The failure is in the server's log.", null);
        }
    }

    internal static async Task WriteAsync(HttpContext context, int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        context.Response.StatusCode = status;
        await Results.Problem(problem).ExecuteAsync(context);
    }
}
