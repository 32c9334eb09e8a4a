namespace Countersign.Server.Forges;

/// <summary>
/// Acts on forge events with the engine, whichever forge sent them: a request's change built from the mirror, reviews
/// as sign-offs, re-evaluation after a push to the default branch, merge groups, installations; then publishes the
/// verdict through the forge's <see cref="IVerdictPublisher"/> into the outbox.
/// </summary>
public sealed class ForgeEventProcessor
{
    /// <summary>Works one event; idempotent (a redelivered or re-worked event changes nothing more).</summary>
    public Task<DeliveryOutcome> HandleAsync(ForgeEvent forgeEvent, CancellationToken cancellation) =>
        Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Ignored($"{forgeEvent.GetType().Name}: not acted on yet"));
}
