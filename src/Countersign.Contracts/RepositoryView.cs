namespace Countersign.Contracts;

/// <summary>A registered repository and the state of the server's mirror of it.</summary>
/// <param name="Name">The repository's name.</param>
/// <param name="Url">Where it is fetched from.</param>
/// <param name="Credential">The reference to the secret (never the secret), or null.</param>
/// <param name="RegisteredAt">When it was first registered.</param>
/// <param name="FetchedAt">When the last fetch ended, or null before the first.</param>
/// <param name="FetchOutcome"><c>ok</c> or <c>failed</c>, or null before the first fetch.</param>
/// <param name="FetchError">Why the last fetch failed, or null.</param>
/// <param name="MirrorBytes">The mirror's size on disk after the last fetch.</param>
public sealed record RepositoryView(
    string Name,
    string Url,
    string? Credential,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? FetchedAt,
    string? FetchOutcome,
    string? FetchError,
    long MirrorBytes);
