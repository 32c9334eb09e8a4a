namespace Countersign.Server.Forges.GitLab;

/// <summary>
/// Works GitLab's deliveries from the queue: the payload read by <see cref="GitLabEvents"/>, its event handed to the
/// forge-neutral <see cref="ForgeEventProcessor"/>; ignored and rejected deliveries end here with the reason.
/// </summary>
internal sealed class GitLabDeliveryHandler(ForgeEventProcessor processor) : IDeliveryHandler
{
    public ForgeKind Source => ForgeKind.GitLab;

    public Task<DeliveryOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellation) =>
        GitLabEvents.Parse(delivery.Event, delivery.Body) switch
        {
            GitLabParse.Event parsed => processor.HandleAsync(parsed.Value, cancellation),
            GitLabParse.Skip skipped => Task.FromResult(skipped.Outcome),
            var other => throw new InvalidOperationException($"unknown parse result {other}"),
        };
}
