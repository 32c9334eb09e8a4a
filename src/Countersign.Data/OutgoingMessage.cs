namespace Countersign.Data;

/// <summary>A message to put in the outbox.</summary>
/// <param name="Target">The forge it goes to (<c>github</c>, <c>gitlab</c>).</param>
/// <param name="Kind">What kind of call (the sender dispatches on it).</param>
/// <param name="Slot">What it is about: it supersedes unsent messages with the same slot.</param>
/// <param name="Payload">What the sender needs, as JSON text.</param>
internal sealed record OutgoingMessage(string Target, string Kind, string Slot, string Payload);
