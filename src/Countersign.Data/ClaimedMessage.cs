namespace Countersign.Data;

/// <summary>An outbox message a worker took under a lease.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Target">The forge.</param>
/// <param name="Kind">What kind of call.</param>
/// <param name="Slot">What it is about.</param>
/// <param name="Payload">The payload, as JSON text.</param>
/// <param name="Attempts">How many times it was taken, this time included.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
internal sealed record ClaimedMessage(long Id, string Target, string Kind, string Slot, string Payload, int Attempts, DateTimeOffset CreatedAt);
