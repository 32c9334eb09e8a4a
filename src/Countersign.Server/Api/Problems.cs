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
    public static Results<Ok<T>, NotFoundProblem, UnprocessableProblem> Read<T>(HttpContext context, Outcome<T> outcome)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Ok(value);
        }

        return problem is Problem.NotFound ? new NotFoundProblem(Details(context, problem)) : new UnprocessableProblem(Details(context, problem));
    }

    /// <summary>
    /// A decision that writes (registration, deploy): the value, or a 400 (a field out of bounds), a 409 (facts sent for a
    /// repository whose changes the server builds itself), or a 422 (the policy does not compile).
    /// </summary>
    public static Results<Ok<T>, BadRequestProblem, ConflictProblem, UnprocessableProblem> Decide<T>(HttpContext context, Outcome<T> outcome)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Ok(value);
        }

        var details = Details(context, problem);
        return problem switch
        {
            Problem.Invalid => new BadRequestProblem(details),
            Problem.Conflict => new ConflictProblem(details),
            _ => new UnprocessableProblem(details),
        };
    }

    /// <summary>A sign-off: created, or 400 (a field out of bounds), 404 (no change), 409 (content moved on), 403 (not a person any more), 422 (refused).</summary>
    public static Results<Created<T>, BadRequestProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem, UnprocessableProblem> Create<T>(
        HttpContext context, Outcome<T> outcome, Func<T, string> location)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Created(location(value), value);
        }

        var details = Details(context, problem);
        return problem switch
        {
            Problem.Invalid => new BadRequestProblem(details),
            Problem.NotFound => new NotFoundProblem(details),
            Problem.Conflict => new ConflictProblem(details),
            Problem.Forbidden => new ForbiddenProblem(details),
            _ => new UnprocessableProblem(details),
        };
    }

    /// <summary>A received bundle: the receipt, or 400 (not a bundle git takes), 404 (no such registered repository), 422 (prerequisites missing), 507 (mirrors full).</summary>
    public static Results<Ok<T>, BadRequestProblem, NotFoundProblem, UnprocessableProblem, InsufficientStorageProblem> Receive<T>(HttpContext context, Outcome<T> outcome)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Ok(value);
        }

        var details = Details(context, problem);
        return problem switch
        {
            Problem.Invalid => new BadRequestProblem(details),
            Problem.NotFound => new NotFoundProblem(details),
            Problem.Full => new InsufficientStorageProblem(details),
            _ => new UnprocessableProblem(details),
        };
    }

    /// <summary>The ProblemDetails document for <paramref name="problem"/> (its status is set by the answer that carries it).</summary>
    public static ProblemDetails Details(HttpContext context, Problem problem)
    {
        var details = new ProblemDetails { Title = problem.Title, Detail = problem.Detail, Instance = context.Request.Path };
        if (problem is Problem.Unprocessable unprocessable)
        {
            details.Extensions[unprocessable.ItemsName] = unprocessable.Items;
        }
        else if (problem is Problem.Invalid invalid)
        {
            details.Extensions["field"] = invalid.Field;
        }

        return details;
    }
}
