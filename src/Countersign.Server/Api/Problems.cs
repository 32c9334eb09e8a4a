using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>
/// Service outcomes as typed HTTP results: the value with its success status, or the <see cref="Problem"/> as the
/// ProblemDetails document (RFC 9457) <see cref="ProblemMiddleware"/> writes for failures — same title, detail,
/// instance and extensions (the refused sign-off's <c>reasons</c>, the invalid policy's <c>errors</c>).
/// </summary>
internal static class Problems
{
    /// <summary>A read: the value, or a 404, or a 422 (a stored policy that no longer compiles against the directory).</summary>
    public static Results<Ok<T>, NotFound<ProblemDetails>, UnprocessableEntity<ProblemDetails>> Read<T>(HttpContext context, Outcome<T> outcome)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Ok(value);
        }

        return problem is Problem.NotFound
            ? TypedResults.NotFound(Details(context, problem, StatusCodes.Status404NotFound))
            : TypedResults.UnprocessableEntity(Details(context, problem, StatusCodes.Status422UnprocessableEntity));
    }

    /// <summary>A decision that writes (registration, deploy): the value, or a 422 (the policy does not compile).</summary>
    public static Results<Ok<T>, UnprocessableEntity<ProblemDetails>> Decide<T>(HttpContext context, Outcome<T> outcome) =>
        outcome.Succeeded(out var value, out var problem)
            ? TypedResults.Ok(value)
            : TypedResults.UnprocessableEntity(Details(context, problem, StatusCodes.Status422UnprocessableEntity));

    /// <summary>A sign-off: created, or 404 (no change), 409 (content moved on), 403 (not a person any more), 422 (refused).</summary>
    public static Results<Created<T>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>, ProblemHttpResult> Create<T>(
        HttpContext context, Outcome<T> outcome, Func<T, string> location)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Created(location(value), value);
        }

        return problem switch
        {
            Problem.NotFound => TypedResults.NotFound(Details(context, problem, StatusCodes.Status404NotFound)),
            Problem.Conflict => TypedResults.Conflict(Details(context, problem, StatusCodes.Status409Conflict)),
            Problem.Forbidden => TypedResults.Problem(Details(context, problem, StatusCodes.Status403Forbidden)),
            _ => TypedResults.UnprocessableEntity(Details(context, problem, StatusCodes.Status422UnprocessableEntity)),
        };
    }

    /// <summary>The ProblemDetails document for <paramref name="problem"/> answered with <paramref name="status"/>.</summary>
    public static ProblemDetails Details(HttpContext context, Problem problem, int status)
    {
        var details = new ProblemDetails { Status = status, Title = problem.Title, Detail = problem.Detail, Instance = context.Request.Path };
        if (problem is Problem.Unprocessable unprocessable)
        {
            details.Extensions[unprocessable.ItemsName] = unprocessable.Items;
        }

        return details;
    }
}
