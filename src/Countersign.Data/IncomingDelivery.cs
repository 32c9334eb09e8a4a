namespace Countersign.Data;

/// <summary>A delivery as the intake hands it to the queue: authenticated, not yet stored.</summary>
/// <param name="Source">The forge (<c>github</c>, <c>gitlab</c>).</param>
/// <param name="DeliveryId">The forge's delivery id; unique per source.</param>
/// <param name="Event">The event name.</param>
/// <param name="Body">The raw body.</param>
internal sealed record IncomingDelivery(string Source, string DeliveryId, string Event, string Body);
