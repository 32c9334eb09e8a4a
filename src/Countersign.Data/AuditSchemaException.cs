namespace Countersign.Data;

/// <summary>The database's schema predates what verification reads (it is migrated when a server starts on it).</summary>
public sealed class AuditSchemaException(string message) : InvalidOperationException(message);
