using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>
/// An expected refusal as a value: the ProblemDetails (RFC 9457) an endpoint answers with — the same document
/// <see cref="ProblemMiddleware"/> writes for an <see cref="ApiProblemException"/>, so clients see one format.
/// </summary>
internal sealed record ApiProblem(int Status, string Title, string Detail, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static ApiProblem NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", what);

    public static ApiProblem Invalid(string field, string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", $"{field}: {detail}", new Dictionary<string, object?> { ["field"] = field });

    public static ApiProblem Unprocessable(string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, title, detail, extensions);

    /// <summary>The problem as the answer to <paramref name="request"/> (its path is the problem's instance).</summary>
    public ProblemHttpResult ToResult(HttpRequest request)
    {
        var problem = new ProblemDetails { Status = Status, Title = Title, Detail = Detail, Instance = request.Path };
        foreach (var (key, value) in Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
