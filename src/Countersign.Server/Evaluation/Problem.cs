namespace Countersign.Server.Evaluation;

/// <summary>
/// An expected reason a service could not do what was asked — a value, not an exception. The endpoints answer each
/// with its ProblemDetails status (<see cref="Api.Problems"/>); the dashboard shows <see cref="Detail"/> or the
/// <see cref="Unprocessable.Items"/>.
/// </summary>
public abstract record Problem(string Title, string Detail)
{
    /// <summary>400: a field the client sent is malformed or out of bounds.</summary>
    public sealed record Invalid(string Field, string Why) : Problem("Invalid request", $"{Field}: {Why}");

    /// <summary>404: there is no such change, sign-off or team.</summary>
    public sealed record NotFound(string What) : Problem("Not found", What);

    /// <summary>409: the request was made against a state that has moved on (a sign-off for content the change no longer has).</summary>
    public sealed record Conflict(string Why) : Problem("Conflict", Why);

    /// <summary>403: the caller may not do this (a reviewer token whose person left the directory).</summary>
    public sealed record Forbidden(string Why) : Problem("Forbidden", Why);

    /// <summary>507: the mirrors are at their disk cap (<c>--mirrors-max-bytes</c>); nothing was stored.</summary>
    public sealed record Full(string Why) : Problem("Mirrors full", Why);

    /// <summary>422: understood but refused; <see cref="Items"/> lists each reason under the extension <see cref="ItemsName"/>.</summary>
    public sealed record Unprocessable(string Heading, string Why, string ItemsName, IReadOnlyList<string> Items) : Problem(Heading, Why);
}
