namespace Countersign.Data;

/// <summary>How the queue took a delivery: its row, its state now, and whether it was stored before.</summary>
/// <param name="Id">The row id.</param>
/// <param name="State">Its state now.</param>
/// <param name="Duplicate">True when the same (source, delivery id) was already stored: nothing changed.</param>
internal sealed record ReceivedDelivery(long Id, string State, bool Duplicate);
