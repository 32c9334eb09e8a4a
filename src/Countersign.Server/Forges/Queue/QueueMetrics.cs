using Countersign.Data;
using Prometheus;

namespace Countersign.Server.Forges.Queue;

/// <summary>
/// The webhook queue's and the outbox's metrics: deliveries by source and outcome (at intake and when worked), the
/// time from receipt to worked, sends by forge and result, and — read from the database at scrape time, so every
/// replica reports the shared truth — each queue's depth by state and the age of its oldest queued item.
/// </summary>
internal sealed class QueueMetrics
{
    private readonly Counter deliveries;
    private readonly Counter worked;
    private readonly Histogram latency;
    private readonly Counter sends;
    private readonly Gauge deliveryDepth;
    private readonly Gauge outboxDepth;
    private readonly Gauge deliveryOldest;
    private readonly Gauge outboxOldest;

    public QueueMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        deliveries = factory.CreateCounter("countersign_webhook_deliveries_total",
            "Webhook deliveries received, by source and outcome (accepted, duplicate, ignored, unauthorized, invalid, unavailable).", "source", "outcome");
        worked = factory.CreateCounter("countersign_webhook_deliveries_worked_total", "Webhook deliveries worked, by source and outcome (done, ignored, retry, rejected, parked).", "source", "outcome");
        latency = factory.CreateHistogram("countersign_webhook_delivery_seconds", "Time from a delivery's receipt to the end of its work.", new HistogramConfiguration
        {
            LabelNames = ["source"],
            Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
        });
        sends = factory.CreateCounter("countersign_outbox_sends_total", "Outbox send attempts, by forge and result (sent, retry, failed, parked).", "target", "result");
        deliveryDepth = factory.CreateGauge("countersign_webhook_queue", "Webhook deliveries in the queue, by state.", "state");
        outboxDepth = factory.CreateGauge("countersign_outbox_queue", "Outbox messages, by state.", "state");
        deliveryOldest = factory.CreateGauge("countersign_webhook_oldest_queued_seconds", "Age of the oldest queued webhook delivery (0 when none waits).");
        outboxOldest = factory.CreateGauge("countersign_outbox_oldest_queued_seconds", "Age of the oldest queued outbox message (0 when none waits).");
    }

    public void Received(string source, string outcome) => deliveries.WithLabels(source, outcome).Inc();

    public void Worked(string source, string state, TimeSpan sinceReceived)
    {
        worked.WithLabels(source, state == "queued" ? "retry" : state).Inc();
        if (state != "queued")
        {
            latency.WithLabels(source).Observe(Math.Max(0, sinceReceived.TotalSeconds));
        }
    }

    public void Sent(string target, string state) => sends.WithLabels(target, state == "queued" ? "retry" : state).Inc();

    /// <summary>Sets the depth gauges from the stores (called before each scrape).</summary>
    public async Task ReadDepthAsync(WebhookDeliveryStore deliveryStore, OutboxStore outboxStore, DateTimeOffset now, CancellationToken cancellation)
    {
        Set(deliveryDepth, deliveryOldest, await deliveryStore.DepthAsync(cancellation), now, ["queued", "working", "done", "ignored", "rejected", "parked"]);
        Set(outboxDepth, outboxOldest, await outboxStore.DepthAsync(cancellation), now, ["queued", "working", "sent", "superseded", "failed", "parked"]);
    }

    private static void Set(Gauge depth, Gauge oldest, QueueDepth read, DateTimeOffset now, string[] states)
    {
        foreach (var state in states)
        {
            depth.WithLabels(state).Set(read.ByState.FirstOrDefault(s => s.State == state).Count);
        }

        oldest.Set(read.OldestQueued is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
    }
}
