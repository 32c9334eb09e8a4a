using Countersign.Core.SignOffs;
using Countersign.Data;
using Countersign.Storage;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// One repository's sign-offs and deploy decisions in the local record (<see cref="LocalRecord"/>, the data layer's
/// public surface), for server-less enforcement. A failure is a <see cref="StorageException"/> naming the file, as
/// every local store's is, so commands exit 3 for it.
/// </summary>
internal sealed class LocalSignOffs(LocalRecord record, string repository) : ISignOffStore, IDisposable
{
    public IReadOnlyList<SignOff> ForChange(string changeKey, string patchId) =>
        Guard(() => record.SignOffsAsync(repository, changeKey, patchId));

    public void Add(SignOff signOff) => Guard(async () =>
    {
        await record.AddAsync(repository, signOff);
        return 0;
    });

    /// <summary>Records a deploy gate's decision; its id.</summary>
    public long RecordDeployDecision(LocalDeployDecision decision) => Guard(() => record.RecordDeployDecisionAsync(repository, decision));

    public void Dispose() => record.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static T Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return work().GetAwaiter().GetResult();
        }
        catch (LocalRecordException e)
        {
            throw LocalStore.Failure(e);
        }
    }
}
