namespace Countersign.Contracts;

/// <summary>
/// Registers a repository whose changes the server builds itself (<c>POST /api/v1/repositories</c>).
/// <see cref="Credential"/> is where the server finds the secret — <c>env:NAME</c> or <c>file:/absolute/path</c> —
/// never the secret itself; null for a repository readable without one.
/// </summary>
/// <param name="Name">How changes name the repository: <c>owner/repo</c> (GitLab groups may nest).</param>
/// <param name="Url">Where to fetch it: <c>https://</c>, <c>ssh://</c>, <c>user@host:path</c>, <c>file://</c>, or <c>http://</c> on loopback.</param>
/// <param name="Credential">A reference to the secret, or null.</param>
public sealed record RepositoryRegistration(string Name, string Url, string? Credential = null);
