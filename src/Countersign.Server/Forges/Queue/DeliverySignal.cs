namespace Countersign.Server.Forges.Queue;

/// <summary>The delivery queue's wake-up (the intake wakes the delivery worker).</summary>
internal sealed class DeliverySignal
{
    public QueueSignal Signal { get; } = new();
}
