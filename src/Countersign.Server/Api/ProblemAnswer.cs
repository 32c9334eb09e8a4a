using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>
/// A ProblemDetails answer with its status, written as <c>application/problem+json</c> exactly as
/// <see cref="ProblemMiddleware"/> writes failures. The framework's <c>NotFound&lt;ProblemDetails&gt;</c> and its
/// siblings write <c>application/json</c> (dotnet/aspnetcore#58574), which clients and tests that check the media
/// type would see as a change; one type per status keeps the endpoint signatures listing every answer.
/// </summary>
internal abstract class ProblemAnswer(ProblemDetails details, int status) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public ProblemDetails Value => details;

    object? IValueHttpResult.Value => details;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        details.Status = status;
        return TypedResults.Problem(details).ExecuteAsync(httpContext);
    }
}
