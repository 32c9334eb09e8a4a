namespace Countersign.Data;

/// <summary>A queue's size: rows per state, and the oldest waiting row's time (null when none waits).</summary>
/// <param name="ByState">Rows per state.</param>
/// <param name="OldestQueued">When the oldest queued row arrived.</param>
internal sealed record QueueDepth(IReadOnlyList<(string State, long Count)> ByState, DateTimeOffset? OldestQueued);
