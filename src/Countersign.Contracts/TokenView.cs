namespace Countersign.Contracts;

/// <summary>A token as listed (never its secret).</summary>
public sealed record TokenView(string Id, string Name, string Scope, string? Person, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
