namespace Countersign.Data;

/// <summary>A delivery as an operator sees it.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Source">The forge.</param>
/// <param name="DeliveryId">The forge's delivery id.</param>
/// <param name="Event">The event name.</param>
/// <param name="State">Its state.</param>
/// <param name="Attempts">How many times a worker took it.</param>
/// <param name="ReceivedAt">When it was stored.</param>
/// <param name="NextAt">When it is due (working: when its lease ends).</param>
/// <param name="FinishedAt">When it ended, if it did.</param>
/// <param name="Outcome">The last outcome or error, in one line.</param>
internal sealed record DeliverySummary(
    long Id, string Source, string DeliveryId, string Event, string State, int Attempts, DateTimeOffset ReceivedAt, DateTimeOffset NextAt, DateTimeOffset? FinishedAt, string? Outcome);
