using System.Diagnostics;

namespace Countersign.Storage;

/// <summary>
/// The one-writer-at-a-time lock of a database file: an exclusive lock on <c>&lt;database&gt;.lock</c> beside it
/// (an OS file lock, released when the process ends however it ends). A scan holds it from before it reads the
/// stored state until it has committed, so a second scan waits and then scans only what the first left to do,
/// instead of failing after all its work; short writes (a sign-off, a deploy decision, a migration) hold it only
/// around the write. Readers never take it: SQLite's WAL mode lets them read beside the writer.
/// </summary>
public sealed class WriterLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream file;

    private WriterLock(FileStream file) => this.file = file;

    /// <summary>The lock file of the database at <paramref name="databasePath"/>.</summary>
    public static string PathFor(string databasePath) => databasePath + ".lock";

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/> (<see cref="Timeout.InfiniteTimeSpan"/>: as long as it
    /// takes; zero: not at all). <paramref name="waiting"/> is called once, when the lock is found held.
    /// </summary>
    /// <exception cref="StorageException">The lock is still held after <paramref name="wait"/>, or the lock file cannot be created.</exception>
    public static WriterLock Acquire(string databasePath, TimeSpan wait, Action? waiting = null)
    {
        var path = PathFor(databasePath);
        var stopwatch = Stopwatch.StartNew();
        var notified = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive OS lock (flock on Unix): another process, or another open in this
                // one, cannot take it until this handle is closed.
                return new WriterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (wait != Timeout.InfiniteTimeSpan && stopwatch.Elapsed >= wait)
                {
                    throw new StorageException(wait == TimeSpan.Zero
                        ? $"{databasePath}: another countersign process (a scan, or a sign-off being recorded) is writing to it; run again when it has finished, or without --no-wait to wait for it"
                        : $"{databasePath}: another countersign process (a scan, or a sign-off being recorded) has been writing to it for {wait.TotalSeconds:0} s; gave up waiting");
                }

                if (!notified)
                {
                    notified = true;
                    waiting?.Invoke();
                }

                Thread.Sleep(Poll);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageException($"{path}: cannot create the database's lock file: {StorageFailure.Explain(e)}", e);
            }
        }
    }

    public void Dispose() => file.Dispose();
}
