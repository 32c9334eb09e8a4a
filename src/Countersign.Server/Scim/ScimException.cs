using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Scim;

/// <summary>
/// An error the SCIM endpoints answer with the SCIM error document (RFC 7644 §3.12): the HTTP status, an optional
/// <c>scimType</c> (<c>invalidFilter</c>, <c>uniqueness</c>, <c>invalidValue</c>, …) and a detail that says what and where.
/// </summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string? ScimType { get; } = scimType;

    public string Detail { get; } = detail;

    public static ScimException Invalid(string detail) => new(StatusCodes.Status400BadRequest, "invalidValue", detail);

    public static ScimException Syntax(string detail) => new(StatusCodes.Status400BadRequest, "invalidSyntax", detail);

    public static ScimException Filter(string detail) => new(StatusCodes.Status400BadRequest, "invalidFilter", detail);

    public static ScimException Path(string detail) => new(StatusCodes.Status400BadRequest, "invalidPath", detail);

    public static ScimException NoTarget(string detail) => new(StatusCodes.Status400BadRequest, "noTarget", detail);

    public static ScimException TooMany(string detail) => new(StatusCodes.Status400BadRequest, "tooMany", detail);

    public static ScimException Uniqueness(string detail) => new(StatusCodes.Status409Conflict, "uniqueness", detail);

    public static ScimException NotFound(string detail) => new(StatusCodes.Status404NotFound, null, detail);
}
