using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Evaluation;

/// <summary>
/// An expected reason the server could not do what was asked — a value, not an exception, and the one such type of the
/// server: services, the request readers (<see cref="Api.Http"/>) and the mirrors return it, the endpoints answer each
/// with its ProblemDetails <see cref="Status"/> and <see cref="Extensions"/> (<see cref="Api.Problems"/>), and the
/// dashboard shows <see cref="Detail"/> or the <see cref="Unprocessable.Items"/>.
/// </summary>
public abstract record Problem(string Title, string Detail)
{
    /// <summary>The HTTP status the problem is answered with.</summary>
    public abstract int Status { get; }

    /// <summary>The ProblemDetails extensions beside title and detail (the field at fault, the reasons for a refusal).</summary>
    public virtual IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?>();

    /// <summary>400: a field the client sent is malformed or out of bounds; named in the extension <c>field</c>.</summary>
    public sealed record Invalid(string Field, string Why) : Problem("Invalid request", $"{Field}: {Why}")
    {
        public override int Status => StatusCodes.Status400BadRequest;

        public override IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?> { ["field"] = Field };
    }

    /// <summary>413: a body longer than the endpoint reads.</summary>
    public sealed record TooLarge(string Why) : Problem("Body too large", Why)
    {
        public override int Status => StatusCodes.Status413PayloadTooLarge;
    }

    /// <summary>415: a body in a media type the endpoint does not read.</summary>
    public sealed record UnsupportedMediaType(string Why) : Problem("Unsupported media type", Why)
    {
        public override int Status => StatusCodes.Status415UnsupportedMediaType;
    }

    /// <summary>404: there is no such change, sign-off, token, repository or team.</summary>
    public sealed record NotFound(string What) : Problem("Not found", What)
    {
        public override int Status => StatusCodes.Status404NotFound;
    }

    /// <summary>409: the request was made against a state that has moved on (a sign-off for content the change no longer has).</summary>
    public sealed record Conflict(string Why) : Problem("Conflict", Why)
    {
        public override int Status => StatusCodes.Status409Conflict;
    }

    /// <summary>403: the caller may not do this (a reviewer token whose person left the directory).</summary>
    public sealed record Forbidden(string Why) : Problem("Forbidden", Why)
    {
        public override int Status => StatusCodes.Status403Forbidden;
    }

    /// <summary>
    /// 422: understood but refused; when <see cref="ItemsName"/> is given, <see cref="Items"/> lists each reason under
    /// that extension (<c>reasons</c>, <c>errors</c>).
    /// </summary>
    public sealed record Unprocessable(string Heading, string Why, string? ItemsName = null, IReadOnlyList<string>? Items = null) : Problem(Heading, Why)
    {
        public override int Status => StatusCodes.Status422UnprocessableEntity;

        public override IReadOnlyDictionary<string, object?> Extensions =>
            ItemsName is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { [ItemsName] = Items ?? [] };
    }

    /// <summary>422: a revision the request names is not in the repository; the extensions name the field and the revision.</summary>
    public sealed record UnknownRevision(string Field, string Revision, string Why) : Problem("Unknown revision", Why)
    {
        public override int Status => StatusCodes.Status422UnprocessableEntity;

        public override IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?> { ["field"] = Field, ["revision"] = Revision };
    }

    /// <summary>503: something the answer depends on cannot be reached now (a repository's remote); clients fail closed.</summary>
    public sealed record Unavailable(string Heading, string Why) : Problem(Heading, Why)
    {
        public override int Status => StatusCodes.Status503ServiceUnavailable;
    }

    /// <summary>507: the server's mirrors are at their configured cap; nothing was fetched or decided.</summary>
    public sealed record InsufficientStorage(string Heading, string Why) : Problem(Heading, Why)
    {
        public override int Status => StatusCodes.Status507InsufficientStorage;
    }
}
