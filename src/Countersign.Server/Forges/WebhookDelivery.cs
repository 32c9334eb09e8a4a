namespace Countersign.Server.Forges;

/// <summary>A webhook delivery as the queue keeps it: authenticated and stored before it was acknowledged.</summary>
/// <param name="Id">The queue's row id.</param>
/// <param name="Source">Which forge sent it.</param>
/// <param name="DeliveryId">The forge's delivery id (<c>X-GitHub-Delivery</c>; GitLab: <c>X-Gitlab-Event-UUID</c>, else a hash of the body).</param>
/// <param name="Event">The event name (<c>X-GitHub-Event</c>, <c>X-Gitlab-Event</c>).</param>
/// <param name="Body">The raw body, as signed.</param>
/// <param name="Attempts">How many times a worker has taken it, this time included.</param>
public sealed record WebhookDelivery(long Id, ForgeKind Source, string DeliveryId, string Event, string Body, int Attempts);

/// <summary>Turns a forge's deliveries into work; one per forge, called by the queue's worker.</summary>
public interface IDeliveryHandler
{
    ForgeKind Source { get; }

    /// <summary>
    /// Whether deliveries of <paramref name="eventName"/> (<c>X-GitHub-Event</c>, <c>X-Gitlab-Event</c>) are worth
    /// storing: the intake acknowledges (200) and does not store an event no handler of its forge handles, which keeps
    /// the queue to work that matters. Every event by default.
    /// </summary>
    bool Handles(string eventName) => true;

    /// <summary>
    /// Does the delivery's work. Must be idempotent: a delivery whose worker died is worked again by another. Throwing
    /// is a bug (logged, retried with backoff, then parked); bad payloads are <see cref="DeliveryOutcome.Rejected"/>.
    /// </summary>
    Task<DeliveryOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellation);
}

/// <summary>How working a delivery ended.</summary>
public abstract record DeliveryOutcome(string Detail)
{
    /// <summary>Worked; the queue marks it done.</summary>
    public sealed record Done(string Detail) : DeliveryOutcome(Detail);

    /// <summary>Nothing to do (an event or action Countersign does not act on, a repository it does not know).</summary>
    public sealed record Ignored(string Detail) : DeliveryOutcome(Detail);

    /// <summary>Cannot be worked now (mirror unreachable, database busy): taken again later, after <paramref name="After"/> if given.</summary>
    public sealed record Retry(string Detail, TimeSpan? After = null) : DeliveryOutcome(Detail);

    /// <summary>The payload cannot be worked, ever (missing fields): parked with the reason, never retried.</summary>
    public sealed record Rejected(string Detail) : DeliveryOutcome(Detail);
}
