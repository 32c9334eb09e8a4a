using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Scim;

/// <summary>
/// What a SCIM operation ended in: the resource (null for a delete) or the SCIM error it is refused with (RFC 7644
/// §3.12: status, <c>scimType</c>, detail). Expected refusals (no such resource, a uniqueness clash, an unknown
/// member) are outcomes; a body that cannot be read is a <see cref="ScimException"/> from the parsing kit.
/// </summary>
internal sealed record ScimOutcome(JsonObject? Resource, int Status, string? ScimType, string? Detail)
{
    public bool Failed => Detail is not null;

    public static ScimOutcome Of(JsonObject resource) => new(resource, StatusCodes.Status200OK, null, null);

    public static ScimOutcome Deleted { get; } = new(null, StatusCodes.Status204NoContent, null, null);

    public static ScimOutcome NotFound(string detail) => new(null, StatusCodes.Status404NotFound, null, detail);

    public static ScimOutcome Uniqueness(string detail) => new(null, StatusCodes.Status409Conflict, "uniqueness", detail);

    public static ScimOutcome Invalid(string detail) => new(null, StatusCodes.Status400BadRequest, "invalidValue", detail);
}
