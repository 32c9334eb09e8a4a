using System.Threading.Channels;
using Countersign.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// Group commit for webhook intake: requests hand their authenticated delivery to one writer, which stores whatever
/// is waiting in one transaction (up to <see cref="WebhookOptions.IntakeBatch"/>) and answers every waiting request
/// after the commit. One fsync then acknowledges many deliveries, and a request is answered only once its delivery is
/// durable. The wait is bounded (<see cref="WebhookOptions.IntakeCapacity"/>): when full, <see cref="SubmitAsync"/>
/// says so at once (the endpoint answers 503 with Retry-After) instead of growing memory.
/// </summary>
internal sealed class DeliveryIntake : IHostedService
{
    private readonly Channel<Pending> waiting;
    private readonly WebhookDeliveryStore store;
    private readonly DeliverySignal signal;
    private readonly TimeProvider time;
    private readonly ILogger<DeliveryIntake> logger;
    private readonly int batch;
    private Task? writer;

    public DeliveryIntake(WebhookDeliveryStore store, DeliverySignal signal, WebhookOptions options, TimeProvider time, ILogger<DeliveryIntake> logger)
    {
        this.store = store;
        this.signal = signal;
        this.time = time;
        this.logger = logger;
        batch = Math.Max(1, options.IntakeBatch);
        waiting = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(1, options.IntakeCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// Stores <paramref name="delivery"/> (or finds it stored); null when the intake is full or stopping. A database
    /// failure is thrown as it came (the endpoint's error handling answers 503 when the database is unavailable).
    /// </summary>
    public Task<ReceivedDelivery>? SubmitAsync(IncomingDelivery delivery)
    {
        var pending = new Pending(delivery, new TaskCompletionSource<ReceivedDelivery>(TaskCreationOptions.RunContinuationsAsynchronously));
        return waiting.Writer.TryWrite(pending) ? pending.Stored.Task : null;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        writer = Task.Run(WriteAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking deliveries and stores those already waiting (their requests are answered) before returning.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        waiting.Writer.TryComplete();
        if (writer is not null)
        {
            await writer.WaitAsync(cancellationToken);
        }
    }

    private async Task WriteAsync()
    {
        var reader = waiting.Reader;
        var taken = new List<Pending>(batch);
        while (await reader.WaitToReadAsync())
        {
            taken.Clear();
            while (taken.Count < batch && reader.TryRead(out var pending))
            {
                taken.Add(pending);
            }

            await StoreAsync(taken);
            signal.Signal.Wake();
        }
    }

    /// <summary>One transaction for the batch; when it fails, each delivery alone, so that one bad row cannot fail the others.</summary>
    private async Task StoreAsync(List<Pending> taken)
    {
        try
        {
            var stored = await store.ReceiveAsync(taken.Select(p => p.Delivery).ToList(), time.GetUtcNow(), CancellationToken.None);
            for (var i = 0; i < taken.Count; i++)
            {
                taken[i].Stored.TrySetResult(stored[i]);
            }

            return;
        }
        catch (Exception e) when (taken.Count > 1)
        {
            logger.LogWarning("Storing {Count} webhook deliveries together failed ({Reason}); storing them one by one", taken.Count, e.Message);
        }
        catch (Exception e)
        {
            taken[0].Stored.TrySetException(e);
            return;
        }

        foreach (var pending in taken)
        {
            try
            {
                pending.Stored.TrySetResult((await store.ReceiveAsync([pending.Delivery], time.GetUtcNow(), CancellationToken.None))[0]);
            }
            catch (Exception e)
            {
                pending.Stored.TrySetException(e);
            }
        }
    }

    private sealed record Pending(IncomingDelivery Delivery, TaskCompletionSource<ReceivedDelivery> Stored);
}
