namespace Countersign.Data;

/// <summary>How working one delivery ended, as the worker writes it.</summary>
/// <param name="Lease">The worker's lease on it.</param>
/// <param name="State">A final state (done, ignored, rejected, parked), or queued to retry.</param>
/// <param name="Outcome">What happened, in one line.</param>
/// <param name="At">When it ended.</param>
/// <param name="NextAt">For queued: when it is due again.</param>
internal sealed record DeliveryCompletion(Lease Lease, string State, string Outcome, DateTimeOffset At, DateTimeOffset? NextAt = null);
