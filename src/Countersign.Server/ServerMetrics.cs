using Countersign.Data;
using Prometheus;

namespace Countersign.Server;

/// <summary>
/// The server's Prometheus metrics beside the HTTP ones prometheus-net records: decisions by status, sign-offs by kind
/// with their latency (from the revision's registration to the sign-off), and the queue's size by status (read from
/// the database at scrape time, so every replica reports the shared truth).
/// </summary>
public sealed class ServerMetrics : IAuditObserver
{
    private readonly CollectorRegistry registry;
    private readonly Counter decisions;
    private readonly Counter signOffs;
    private readonly Histogram latency;

    public ServerMetrics(CollectorRegistry registry)
    {
        this.registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        decisions = factory.CreateCounter("countersign_decisions_total", "Policy evaluations answered, by verdict.", "status");
        signOffs = factory.CreateCounter("countersign_signoffs_total", "Sign-offs recorded, by kind.", "kind");
        latency = factory.CreateHistogram("countersign_signoff_latency_seconds", "Time from a revision's registration to a sign-off on it.", new HistogramConfiguration
        {
            Buckets = [60, 300, 900, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600],
        });
        Queue = factory.CreateGauge("countersign_queue_changes", "Changes known to the server, by status.", "status");
        AuditProblems = factory.CreateGauge("countersign_audit_problems", "Problems the latest audit verification found (at start-up, or the latest verify through the API or dashboard); -1 before the first.");
        AuditProblems.Set(-1);
        AuditVerified = factory.CreateGauge("countersign_audit_verified_timestamp_seconds", "When the latest audit verification finished (Unix time).");
    }

    public Gauge AuditProblems { get; }

    public Gauge AuditVerified { get; }

    /// <summary>Records the outcome of an audit verification.</summary>
    public void Verified(long problems, DateTimeOffset at)
    {
        AuditProblems.Set(problems);
        AuditVerified.Set(at.ToUnixTimeSeconds());
    }

    public Gauge Queue { get; }

    public CollectorRegistry Registry => registry;

    public void Decided(string status) => decisions.WithLabels(status).Inc();

    public void SignedOff(string kind, TimeSpan sinceRevision)
    {
        signOffs.WithLabels(kind).Inc();
        latency.Observe(Math.Max(0, sinceRevision.TotalSeconds));
    }
}
