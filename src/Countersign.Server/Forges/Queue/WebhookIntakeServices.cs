using Countersign.Server.Auth;

namespace Countersign.Server.Forges.Queue;

/// <summary>What the webhook endpoints use, in one parameter.</summary>
internal sealed class WebhookIntakeServices(DeliveryIntake intake, IEnumerable<IDeliveryHandler> handlers, AuthFailureLimiter limiter, QueueMetrics metrics)
{
    public DeliveryIntake Intake { get; } = intake;

    public IReadOnlyList<IDeliveryHandler> Handlers { get; } = handlers.ToList();

    public AuthFailureLimiter Limiter { get; } = limiter;

    public QueueMetrics Metrics { get; } = metrics;
}
