using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>
/// Outcomes as typed HTTP results: the value with its success status, or the <see cref="Problem"/> as the ProblemDetails
/// document (RFC 9457) <see cref="ProblemMiddleware"/> writes for failures — same title, detail, instance and extensions
/// (the field at fault, the refused sign-off's <c>reasons</c>, the invalid policy's <c>errors</c>). Each method's
/// signature lists the answers its endpoints give; a problem outside them is a bug in the service, answered as the
/// closest listed one.
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

    /// <summary>A page of a list: the value, or a 400 (a paging bound or filter out of range, a team that is not one: 404).</summary>
    public static Results<Ok<T>, BadRequestProblem, NotFoundProblem> List<T>(HttpContext context, Outcome<T> outcome)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Ok(value);
        }

        return problem is Problem.NotFound ? new NotFoundProblem(Details(context, problem)) : Bad(context, problem);
    }

    /// <summary>
    /// A decision that writes (registration, deploy): the value, or a 400/413/415 (the request as sent), a 409 (facts sent
    /// for a repository whose changes the server builds itself), a 422 (the policy does not compile, a revision is
    /// unknown), or a 503/507 (the repository cannot be fetched now).
    /// </summary>
    public static Results<Ok<T>, BadRequestProblem, ConflictProblem, UnprocessableProblem, UnavailableProblem> Decide<T>(HttpContext context, Outcome<T> outcome)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Ok(value);
        }

        var details = Details(context, problem);
        return problem switch
        {
            Problem.Invalid or Problem.TooLarge or Problem.UnsupportedMediaType => new BadRequestProblem(details, problem.Status),
            Problem.Conflict => new ConflictProblem(details),
            Problem.Unavailable or Problem.InsufficientStorage => new UnavailableProblem(details, problem.Status),
            _ => new UnprocessableProblem(details),
        };
    }

    /// <summary>
    /// A creation: created, or 400/413/415 (the request as sent), 404 (no change), 409 (content moved on), 403 (not a
    /// person any more), 422 (refused).
    /// </summary>
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
            Problem.Invalid or Problem.TooLarge or Problem.UnsupportedMediaType => new BadRequestProblem(details, problem.Status),
            Problem.NotFound => new NotFoundProblem(details),
            Problem.Conflict => new ConflictProblem(details),
            Problem.Forbidden => new ForbiddenProblem(details),
            _ => new UnprocessableProblem(details),
        };
    }

    /// <summary>A 400, 413 or 415 for the request as sent.</summary>
    public static BadRequestProblem Bad(HttpContext context, Problem problem) => new(Details(context, problem), problem.Status);

    /// <summary>
    /// A received bundle: the receipt, or 400/413/415 (not a bundle git takes, too large, another media type), 404 (no such
    /// registered repository), 422 (prerequisites missing), 503/507 (the mirror cannot be fetched now, mirrors full).
    /// </summary>
    public static Results<Ok<T>, BadRequestProblem, NotFoundProblem, UnprocessableProblem, UnavailableProblem> Receive<T>(HttpContext context, Outcome<T> outcome)
    {
        if (outcome.Succeeded(out var value, out var problem))
        {
            return TypedResults.Ok(value);
        }

        var details = Details(context, problem);
        return problem switch
        {
            Problem.Invalid or Problem.TooLarge or Problem.UnsupportedMediaType => new BadRequestProblem(details, problem.Status),
            Problem.NotFound => new NotFoundProblem(details),
            Problem.Unavailable or Problem.InsufficientStorage => new UnavailableProblem(details, problem.Status),
            _ => new UnprocessableProblem(details),
        };
    }

    /// <summary>The ProblemDetails document for <paramref name="problem"/> (its status is set by the answer that carries it).</summary>
    public static ProblemDetails Details(HttpContext context, Problem problem)
    {
        var details = new ProblemDetails { Title = problem.Title, Detail = problem.Detail, Instance = context.Request.Path };
        foreach (var (key, value) in problem.Extensions)
        {
            details.Extensions[key] = value;
        }

        return details;
    }
}
