namespace Countersign.Server.Api;

/// <summary><c>whoami</c>'s answer: the calling token's id, its scope and, for a reviewer token, its person.</summary>
internal sealed record Caller(string? Token, string? Scope, string? Person);
