namespace Countersign.Server.Api;

/// <summary><c>/readyz</c>'s answer: ready, migrating or database unavailable; the database kind and the schema version it is at.</summary>
internal sealed record Readiness(string Status, string Database, long? Schema = null);
