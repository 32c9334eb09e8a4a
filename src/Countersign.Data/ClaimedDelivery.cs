namespace Countersign.Data;

/// <summary>A delivery a worker took under a lease.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Source">The forge.</param>
/// <param name="DeliveryId">The forge's delivery id.</param>
/// <param name="Event">The event name.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Attempts">How many times it was taken, this time included.</param>
/// <param name="ReceivedAt">When it was stored.</param>
internal sealed record ClaimedDelivery(long Id, string Source, string DeliveryId, string Event, string Body, int Attempts, DateTimeOffset ReceivedAt);
