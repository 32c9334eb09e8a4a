namespace Countersign.Data;

/// <summary>A worker's hold on a row: the row, the worker, and the attempt it took (a later claim of the same row is another lease).</summary>
/// <param name="Id">The row id.</param>
/// <param name="Owner">The worker.</param>
/// <param name="Attempts">The attempt count the claim set.</param>
internal sealed record Lease(long Id, string Owner, int Attempts);
