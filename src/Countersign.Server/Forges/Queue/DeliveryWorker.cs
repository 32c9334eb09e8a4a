using Countersign.Core.Text;
using Countersign.Data;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// Works stored webhook deliveries with the <see cref="IDeliveryHandler"/> of their forge and records how each ended:
/// done or ignored; retried later (after the handler's <c>After</c>, else with backoff) and parked after
/// <see cref="WebhookOptions.MaxAttempts"/>; rejected (never retried). A handler that throws is a bug: logged with the
/// delivery's id, retried with backoff, then parked. Parked and rejected deliveries are logged as warnings.
/// </summary>
internal sealed class DeliveryWorker(
    WebhookDeliveryStore store, IEnumerable<IDeliveryHandler> handlers, DeliverySignal signal, WebhookOptions options, QueueMetrics metrics, TimeProvider time, ILogger<DeliveryWorker> logger)
    : LeasedWorker<ClaimedDelivery, DeliveryCompletion>(options.Workers, options, signal.Signal, time, logger)
{
    private readonly IReadOnlyList<IDeliveryHandler> handlers = handlers.ToList();

    protected override Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellation) =>
        store.ClaimAsync(Owner, max, now, until, cancellation);

    protected override Lease LeaseOf(ClaimedDelivery item) => new(item.Id, Owner, item.Attempts);

    protected override Lease LeaseOf(DeliveryCompletion completion) => completion.Lease;

    protected override Task CompleteAsync(IReadOnlyList<DeliveryCompletion> completions, CancellationToken cancellation) => store.CompleteAsync(completions, cancellation);

    protected override Task<IReadOnlyList<long>> RenewAsync(IReadOnlyList<Lease> leases, DateTimeOffset until, CancellationToken cancellation) => store.RenewAsync(leases, until, cancellation);

    protected override Task ReleaseAsync(IReadOnlyList<Lease> leases, DateTimeOffset now, CancellationToken cancellation) => store.ReleaseAsync(leases, now, cancellation);

    protected override Task PurgeAsync(DateTimeOffset before, CancellationToken cancellation) => store.PurgeAsync(before, cancellation);

    protected override async Task<DeliveryCompletion> WorkAsync(ClaimedDelivery item, Lease lease, CancellationToken stopping)
    {
        var completion = await DecideAsync(item, lease, stopping);
        metrics.Worked(item.Source, completion.State, Time.GetUtcNow() - item.ReceivedAt);
        if (completion.State is "parked" or "rejected")
        {
            Logger.LogWarning("Webhook delivery {Id} ({Source} {Event}, delivery {DeliveryId}) {State} after {Attempts} attempt(s): {Outcome}",
                item.Id, item.Source, item.Event, item.DeliveryId, completion.State, item.Attempts, completion.Outcome);
        }

        return completion;
    }

    private async Task<DeliveryCompletion> DecideAsync(ClaimedDelivery item, Lease lease, CancellationToken stopping)
    {
        var now = Time.GetUtcNow();
        if (item.Attempts > Options.MaxAttempts)
        {
            return new DeliveryCompletion(lease, "parked", $"taken {item.Attempts - 1} times without finishing (its worker died or hung each time)", now);
        }

        var source = QueueNames.Parse(item.Source);
        var handler = source is { } forge ? handlers.LastOrDefault(h => h.Source == forge) : null; // the last registered wins, as in DI
        if (handler is null)
        {
            return new DeliveryCompletion(lease, "ignored", $"no handler for {item.Source} deliveries on this server", now);
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await handler.HandleAsync(new WebhookDelivery(item.Id, source!.Value, item.DeliveryId, item.Event, item.Body, item.Attempts), stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Logger.LogError(e, "The {Source} handler failed on webhook delivery {Id} (delivery {DeliveryId}, attempt {Attempts})", item.Source, item.Id, item.DeliveryId, item.Attempts);
            outcome = new DeliveryOutcome.Retry($"the handler failed: {e.GetType().Name}: {e.Message}");
        }

        now = Time.GetUtcNow();
        var detail = UntrustedText.Bound(outcome.Detail, 1000) ?? "";
        return outcome switch
        {
            DeliveryOutcome.Done => new DeliveryCompletion(lease, "done", detail, now),
            DeliveryOutcome.Ignored => new DeliveryCompletion(lease, "ignored", detail, now),
            DeliveryOutcome.Rejected => new DeliveryCompletion(lease, "rejected", detail, now),
            DeliveryOutcome.Retry retry when item.Attempts >= Options.MaxAttempts =>
                new DeliveryCompletion(lease, "parked", $"gave up after {item.Attempts} attempts: {detail}", now),
            DeliveryOutcome.Retry retry =>
                new DeliveryCompletion(lease, "queued", detail, now, now + Backoff.Delay(item.Attempts, retry.After, Options, Random.Shared)),
            _ => new DeliveryCompletion(lease, "rejected", $"unknown outcome {outcome.GetType().Name}: {detail}", now),
        };
    }
}
