using System.Collections.Concurrent;
using Countersign.Server.Forges;

namespace Countersign.Server.Tests.Webhooks;

/// <summary>
/// A delivery handler whose behaviour is the delivery's event: <c>done</c>… (any other) done, <c>throw</c> throws,
/// <c>retry</c> asks to retry (after <see cref="RetryAfter"/>), <c>reject</c> rejects, <c>hold</c> waits for
/// <see cref="Release"/>; <c>issues</c> is not handled at all. Counts every start and finish per delivery id.
/// </summary>
internal sealed class ScriptedHandler(ForgeKind source = ForgeKind.GitHub) : IDeliveryHandler
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ForgeKind Source { get; } = source;

    public TimeSpan? RetryAfter { get; init; }

    public ConcurrentDictionary<string, int> Started { get; } = new();

    public ConcurrentDictionary<string, int> Finished { get; } = new();

    public bool Handles(string eventName) => eventName != "issues";

    public void Release() => release.TrySetResult();

    public async Task<DeliveryOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellation)
    {
        Started.AddOrUpdate(delivery.DeliveryId, 1, (_, n) => n + 1);
        if (delivery.Event == "hold")
        {
            await release.Task.WaitAsync(cancellation);
        }

        DeliveryOutcome outcome = delivery.Event switch
        {
            "throw" => throw new InvalidOperationException($"scripted failure of {delivery.DeliveryId}"),
            "retry" => new DeliveryOutcome.Retry("scripted retry", RetryAfter),
            "reject" => new DeliveryOutcome.Rejected("scripted rejection"),
            _ => new DeliveryOutcome.Done($"worked {delivery.Event}"),
        };
        Finished.AddOrUpdate(delivery.DeliveryId, 1, (_, n) => n + 1);
        return outcome;
    }
}
