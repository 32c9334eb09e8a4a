namespace Countersign.Data;

/// <summary>How sending one outbox message ended, as the worker writes it.</summary>
/// <param name="Lease">The worker's lease on it.</param>
/// <param name="State">sent, queued (to retry), failed or parked.</param>
/// <param name="Status">What the forge answered, in one line.</param>
/// <param name="Error">Why it was not sent, when it was not.</param>
/// <param name="Response">The forge's answer as JSON text, when sent.</param>
/// <param name="At">When it ended.</param>
/// <param name="NextAt">For queued: when it is due again.</param>
internal sealed record MessageCompletion(Lease Lease, string State, string Status, string? Error, string? Response, DateTimeOffset At, DateTimeOffset? NextAt = null);
