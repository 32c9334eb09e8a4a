namespace Countersign.Server.Forges.GitLab;

/// <summary>
/// Works GitLab's deliveries from the queue: the payload read by <see cref="GitLabEvents"/>, its event handed to the
/// forge-neutral <see cref="ForgeEventProcessor"/>; ignored and rejected deliveries end here with the reason.
/// </summary>
internal sealed class GitLabDeliveryHandler(ForgeEventProcessor processor) : IDeliveryHandler
{
    public ForgeKind Source => ForgeKind.GitLab;

    public Task<DeliveryOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellation) =>
        GitLabEvents.Parse(delivery.Event, delivery.Body).Succeeded(out var forgeEvent, out var outcome)
            ? processor.HandleAsync(forgeEvent, cancellation)
            : Task.FromResult(outcome);
}
