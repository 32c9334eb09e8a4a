using Microsoft.AspNetCore.Http;

namespace Countersign.Server;

/// <summary>
/// An error the API answers with a ProblemDetails document (RFC 9457): the status, a short title, a detail that says
/// what and where, and optional extensions (for example the reasons a sign-off was refused).
/// </summary>
public sealed class ApiProblemException(int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ApiProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", what);

    public static ApiProblemException Invalid(string field, string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", $"{field}: {detail}", new Dictionary<string, object?> { ["field"] = field });

    public static ApiProblemException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static ApiProblemException Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);

    public static ApiProblemException Unprocessable(string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, title, detail, extensions);
}
