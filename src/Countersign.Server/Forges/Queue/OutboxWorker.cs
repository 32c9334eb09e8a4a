using System.Text.Json.Nodes;
using Countersign.Core.Text;
using Countersign.Data;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// Sends outbox messages with the <see cref="IOutboxSender"/> of their forge: sent (the forge's answer kept); retried
/// on what <see cref="SendResult.Retry"/> says (after the forge's Retry-After or rate-limit reset, else with backoff)
/// and parked after <see cref="WebhookOptions.MaxAttempts"/>; failed when the forge refused it for good. A sender that
/// throws is a bug: logged, retried, then parked. Failed and parked messages are logged as warnings.
/// </summary>
internal sealed class OutboxWorker(
    OutboxStore store, IEnumerable<IOutboxSender> senders, OutboxSignal signal, WebhookOptions options, QueueMetrics metrics, TimeProvider time, ILogger<OutboxWorker> logger)
    : LeasedWorker<ClaimedMessage, MessageCompletion>(options.OutboxWorkers, options, signal.Signal, time, logger)
{
    private readonly IReadOnlyList<IOutboxSender> senders = senders.ToList();

    protected override Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellation) =>
        store.ClaimAsync(Owner, max, now, until, cancellation);

    protected override Lease LeaseOf(ClaimedMessage item) => new(item.Id, Owner, item.Attempts);

    protected override Lease LeaseOf(MessageCompletion completion) => completion.Lease;

    protected override Task CompleteAsync(IReadOnlyList<MessageCompletion> completions, CancellationToken cancellation) => store.CompleteAsync(completions, cancellation);

    protected override Task<IReadOnlyList<long>> RenewAsync(IReadOnlyList<Lease> leases, DateTimeOffset until, CancellationToken cancellation) => store.RenewAsync(leases, until, cancellation);

    protected override Task ReleaseAsync(IReadOnlyList<Lease> leases, DateTimeOffset now, CancellationToken cancellation) => store.ReleaseAsync(leases, now, cancellation);

    protected override Task PurgeAsync(DateTimeOffset before, CancellationToken cancellation) => store.PurgeAsync(before, cancellation);

    protected override async Task<MessageCompletion> WorkAsync(ClaimedMessage item, Lease lease, CancellationToken stopping)
    {
        var completion = await SendAsync(item, lease, stopping);
        metrics.Sent(item.Target, completion.State);
        if (completion.State is "parked" or "failed")
        {
            Logger.LogWarning("Outbox message {Id} ({Target} {Kind}, slot {Slot}) {State} after {Attempts} attempt(s): {Error}",
                item.Id, item.Target, item.Kind, item.Slot, completion.State, item.Attempts, completion.Error);
        }

        return completion;
    }

    private async Task<MessageCompletion> SendAsync(ClaimedMessage item, Lease lease, CancellationToken stopping)
    {
        var now = Time.GetUtcNow();
        if (item.Attempts > Options.MaxAttempts)
        {
            return new MessageCompletion(lease, "parked", "abandoned", $"taken {item.Attempts - 1} times without finishing (its worker died or hung each time)", null, now);
        }

        var target = QueueNames.Parse(item.Target);
        var sender = target is { } forge ? senders.LastOrDefault(s => s.Target == forge) : null; // the last registered wins, as in DI
        if (sender is null)
        {
            return new MessageCompletion(lease, "failed", "no sender", $"no sender for {item.Target} on this server (is the forge configured?)", null, now);
        }

        if (JsonNode.Parse(item.Payload) is not JsonObject payload)
        {
            return new MessageCompletion(lease, "failed", "bad payload", "the stored payload is not a JSON object", null, now);
        }

        SendResult result;
        try
        {
            result = await sender.SendAsync(new OutboxItem(item.Id, target!.Value, item.Kind, item.Slot, payload, item.Attempts), stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Logger.LogError(e, "The {Target} sender failed on outbox message {Id} ({Kind}, attempt {Attempts})", item.Target, item.Id, item.Kind, item.Attempts);
            result = new SendResult.Retry($"the sender failed: {e.GetType().Name}: {e.Message}");
        }

        now = Time.GetUtcNow();
        var detail = UntrustedText.Bound(result.Detail, 1000) ?? "";
        return result switch
        {
            SendResult.Sent sent => new MessageCompletion(lease, "sent", detail, null, sent.Response?.ToJsonString(), now),
            SendResult.Failed => new MessageCompletion(lease, "failed", detail, detail, null, now),
            SendResult.Retry when item.Attempts >= Options.MaxAttempts => new MessageCompletion(lease, "parked", detail, $"gave up after {item.Attempts} attempts: {detail}", null, now),
            SendResult.Retry retry => new MessageCompletion(lease, "queued", detail, detail, null, now, now + Backoff.Delay(item.Attempts, retry.After, Options, Random.Shared)),
            _ => new MessageCompletion(lease, "failed", detail, $"unknown result {result.GetType().Name}", null, now),
        };
    }
}
