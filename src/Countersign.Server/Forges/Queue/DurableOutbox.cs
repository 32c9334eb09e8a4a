using Countersign.Data;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// <see cref="IOutbox"/> on the database: the messages are committed (superseding unsent ones of the same slot) before
/// <see cref="EnqueueAsync"/> returns, then this replica's outbox worker is woken.
/// </summary>
internal sealed class DurableOutbox(OutboxStore store, OutboxSignal signal, TimeProvider time) : IOutbox
{
    public async Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellation)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await store.EnqueueAsync(
            messages.Select(m => new OutgoingMessage(QueueNames.Of(m.Target), m.Kind, m.Slot, m.Payload.ToJsonString())).ToList(), time.GetUtcNow(), cancellation);
        signal.Signal.Wake();
    }
}
