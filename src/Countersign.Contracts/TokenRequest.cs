namespace Countersign.Contracts;

/// <summary>Creates an API token (<c>POST /api/v1/tokens</c>).</summary>
/// <param name="Name">What the token is for (shown in listings and the audit log).</param>
/// <param name="Scope">ci, reviewer or admin.</param>
/// <param name="Person">For a reviewer token: the person id it acts as.</param>
/// <param name="ExpiresInDays">Lifetime; 1 to 366 days (default 90).</param>
public sealed record TokenRequest(string Name, string Scope, string? Person = null, int? ExpiresInDays = null);
