using Countersign.Storage;

namespace Countersign.Cli;

/// <summary>
/// Opens the local SQLite store for a command, with the locking every writer shares: when another countersign process
/// is writing, say so on stderr and wait for it (a scan as long as it takes, unless <c>--no-wait</c>; a short write up
/// to ten minutes), so no command fails after doing its work.
/// </summary>
internal static class LocalStore
{
    public static ScanStore Open(CliContext context, string path, bool forScan = false, bool noWait = false)
    {
        var wait = noWait ? TimeSpan.Zero : forScan ? Timeout.InfiniteTimeSpan : StoreLocking.Default.Wait;
        var full = Path.GetFullPath(path, context.WorkingDirectory);
        return ScanStore.Open(full, new StoreLocking(wait, () => context.Note(
            $"another countersign process is writing to {full}; waiting for it to finish{(forScan ? " (--no-wait fails at once instead)" : "")}"), forScan));
    }
}
