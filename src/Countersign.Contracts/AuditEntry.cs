using System.Text.Json.Nodes;

namespace Countersign.Contracts;

/// <summary>
/// One audit record as the API and <c>audit export</c> show it, as stored: <see cref="At"/> is null when the stored time
/// is garbled and <see cref="Content"/> a JSON string when the stored content is not JSON (verification names both).
/// </summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset? At, string Kind, string Actor, JsonNode? Content, string PreviousHash, string Hash);
