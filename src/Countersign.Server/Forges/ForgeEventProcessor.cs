using Countersign.Data;
using Countersign.Server.Evaluation;
using Countersign.Server.Repositories;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Forges;

/// <summary>
/// Acts on forge events with the engine, whichever forge sent them: a request's change built from the mirror, reviews
/// as sign-offs, re-evaluation after a push to the default branch, merge groups, installations; then publishes the
/// verdict through the forge's <see cref="IVerdictPublisher"/> into the outbox.
/// </summary>
public sealed class ForgeEventProcessor(
    ServerDatabase database,
    ServerBuiltChanges builds,
    RepositoryLookup lookup,
    RepositoryService repositories,
    MirrorStore mirrors,
    ChangeService changes,
    SignOffService signOffs,
    ServerEvaluator evaluator,
    ServerOptions options,
    TimeProvider time,
    ILogger<ForgeEventProcessor> log,
    IEnumerable<IVerdictPublisher> publishers,
    IOutbox? outbox = null)
{
    /// <summary>Works one event; idempotent (a redelivered or re-worked event changes nothing more).</summary>
    public Task<DeliveryOutcome> HandleAsync(ForgeEvent forgeEvent, CancellationToken cancellation)
    {
        _ = (database, builds, lookup, repositories, mirrors, changes, signOffs, evaluator, options, time, log, publishers, outbox);
        return Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Ignored($"{forgeEvent.GetType().Name}: not acted on yet"));
    }
}
