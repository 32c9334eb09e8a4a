namespace Countersign.Contracts;

/// <summary>
/// The answer to a webhook delivery (<c>POST /api/v1/webhooks/github</c>, <c>/gitlab</c>): stored in the durable queue
/// (202), stored before (202, <see cref="Duplicate"/>: a redelivery changes nothing), or acknowledged and not stored
/// (200: an event nothing on this server acts on, GitHub's ping).
/// </summary>
/// <param name="State">queued (or the stored delivery's state now), ignored, or pong.</param>
/// <param name="Id">The queue's id of the delivery, when stored.</param>
/// <param name="Duplicate">True when the same delivery was stored before.</param>
/// <param name="Detail">Why it was not stored, when it was not.</param>
public sealed record WebhookReceipt(string State, long? Id = null, bool Duplicate = false, string? Detail = null);
