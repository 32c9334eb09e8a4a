namespace Countersign.Server.Forges.Queue;

/// <summary>The outbox's wake-up (an enqueue wakes the outbox worker).</summary>
internal sealed class OutboxSignal
{
    public QueueSignal Signal { get; } = new();
}
