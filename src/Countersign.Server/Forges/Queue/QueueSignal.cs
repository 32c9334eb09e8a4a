using System.Threading.Channels;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// Wakes a queue's worker as soon as work was stored on this replica (the intake, the outbox) or room freed up,
/// instead of at its next poll. Wakes coalesce: many while the worker is busy are one.
/// </summary>
internal sealed class QueueSignal
{
    private readonly Channel<bool> wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => wakes.Writer.TryWrite(true);

    /// <summary>Waits for a wake or <paramref name="timeout"/>; true when woken. Throws when <paramref name="cancellation"/> fires.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(timeout);
        try
        {
            await wakes.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return false;
        }
    }
}
