namespace Countersign.Server.Forges.GitHub;

/// <summary>GitHub's deliveries: parsed by <see cref="GitHubEvents"/> into forge events, worked by <see cref="ForgeEventProcessor"/>.</summary>
public sealed class GitHubDeliveryHandler(ForgeEventProcessor processor) : IDeliveryHandler
{
    public ForgeKind Source => ForgeKind.GitHub;

    public bool Handles(string eventName) => GitHubEvents.Events.Contains(eventName);

    public async Task<DeliveryOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellation)
    {
        var parsed = GitHubEvents.Parse(delivery.Event, delivery.Body);
        if (!parsed.Succeeded(out var forgeEvent, out var outcome))
        {
            return outcome;
        }

        return await processor.HandleAsync(forgeEvent, cancellation);
    }
}
