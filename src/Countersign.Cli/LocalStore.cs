using Countersign.Cli.Enforcement;
using Countersign.Data;
using Countersign.Git;
using Countersign.Storage;

namespace Countersign.Cli;

/// <summary>
/// The two local files a command uses. The scan database (<c>--db</c>, default <c>&lt;git-dir&gt;/countersign/countersign.db</c>)
/// is a cache of what a scan read from git, opened with the locking every scan shares: when another countersign process
/// is writing, say so on stderr and wait for it (a scan as long as it takes, unless <c>--no-wait</c>; a short write up
/// to ten minutes), so no command fails after doing its work. The local record beside it (<see cref="RecordPath"/>)
/// keeps local enforcement's sign-offs and deploy decisions through the one data layer, with its audit chain.
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

    /// <summary>The local record kept beside the scan database <paramref name="databasePath"/>: <c>countersign.db</c> → <c>countersign.record.db</c>.</summary>
    public static string RecordPath(string databasePath) => Path.ChangeExtension(databasePath, null) + ".record.db";

    /// <summary>
    /// The sign-offs and deploy decisions of <paramref name="repository"/> in the local record beside the scan database
    /// <paramref name="databasePath"/> (sign-offs a former countersign kept in that database are moved into it once).
    /// </summary>
    /// <exception cref="StorageException">The record cannot be opened or migrated.</exception>
    public static LocalSignOffs OpenRecord(CliContext context, string databasePath, GitRepository repository)
    {
        var full = Path.GetFullPath(databasePath, context.WorkingDirectory);
        try
        {
            var record = LocalRecord.OpenAsync(RecordPath(full), full, context.Time.GetUtcNow()).GetAwaiter().GetResult();
            return new LocalSignOffs(record, repository.Path);
        }
        catch (LocalRecordException e)
        {
            throw Failure(e);
        }
    }

    /// <summary>A record failure worded as every local store failure is (what to do about a damaged or busy file).</summary>
    internal static StorageException Failure(LocalRecordException e) =>
        new(e.InnerException is { } cause ? $"{e.File}: {e.Doing}: {StorageFailure.Explain(cause)}" : e.Message, e);
}
