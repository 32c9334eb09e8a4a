using System.Globalization;
using Countersign.Server.Auth;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Api;

/// <summary>
/// Answers 429 (with Retry-After) to an address that failed authentication too often, before any token lookup; marked
/// <see cref="Countersign.Contracts.ProblemCodes.AuthThrottled"/> so that clients do not take it for unavailability.
/// </summary>
internal sealed class AuthFailureMiddleware(RequestDelegate next, AuthFailureLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0 && limiter.BlockedFor(context.Connection.RemoteIpAddress) is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ProblemMiddleware.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed authentications",
                $"more than {limiter.MaxFailures} failed authentications from this address within a minute; retry after {Math.Ceiling(wait.TotalSeconds)} s", null, Countersign.Contracts.ProblemCodes.AuthThrottled);
            return;
        }

        await next(context);
    }
}
