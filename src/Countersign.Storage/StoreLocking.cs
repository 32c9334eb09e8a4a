namespace Countersign.Storage;

/// <summary>
/// How a <see cref="ScanStore"/> takes the database's <see cref="WriterLock"/>: how long it waits when another process
/// holds it, whom it tells that it is waiting, and whether it holds it from opening to disposal (a scan) or only
/// around each write.
/// </summary>
/// <param name="Wait">How long to wait for the lock; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as it takes, zero fails at once.</param>
/// <param name="Waiting">Called once when the lock is found held (the CLI says on stderr that it waits, and for what).</param>
/// <param name="Exclusive">Hold the lock from opening until disposal.</param>
public sealed record StoreLocking(TimeSpan Wait, Action? Waiting = null, bool Exclusive = false)
{
    /// <summary>Short writes: wait up to ten minutes (a long scan of a big history) for the other writer.</summary>
    public static readonly StoreLocking Default = new(TimeSpan.FromMinutes(10));
}
