using System.Collections.Concurrent;
using Countersign.Contracts;
using Countersign.Core.Text;
using Countersign.Git;
using Countersign.Server.Data;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Repositories;

/// <summary>
/// The server's bare mirrors, one per registered repository, fetched on demand. A fetch holds a lock per repository —
/// a semaphore in this process and an exclusive lock on <c>NAME.lock</c> beside the mirror, so two server processes
/// sharing the folder never fetch into one mirror at once. Readers need no lock: git writes objects before the refs
/// that name them, and auto-gc is off. The mirrors' total size is bounded by <see cref="MirrorOptions.MaxBytes"/>.
/// Partial clones are not used: the engine reads with lazy fetching off (a read never turns into a download), and a
/// change's diff and patch identity need every blob of both sides anyway.
/// </summary>
public sealed class MirrorStore(ServerDatabase database, MirrorOptions options, string directory, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MirrorSnapshot> fetched = new(StringComparer.Ordinal);
    private long generation;

    /// <summary>The folder holding the mirrors.</summary>
    public string Directory { get; } = directory;

    /// <summary>Where <paramref name="name"/>'s mirror is.</summary>
    public string PathOf(string name) => Path.Combine(Directory, RepositoryAddress.MirrorFolder(name));

    /// <summary>
    /// Brings the mirror up to date, unless it was fetched within <see cref="MirrorOptions.FetchInterval"/> and
    /// <paramref name="fresh"/> says it already has what is needed. A failure is recorded and answered with a 503 (the
    /// caller fails closed); mirrors over their cap, with a 507.
    /// </summary>
    /// <param name="repository">The registered repository.</param>
    /// <param name="fresh">Whether the mirror as it is will do (asked only within the interval).</param>
    /// <returns>The mirror and its generation, a number that changes with every fetch (what callers cache against).</returns>
    /// <param name="cancellation">Cancels the fetch.</param>
    public async Task<MirrorSnapshot> FetchAsync(RepositoryView repository, Func<MirrorSnapshot, bool> fresh, CancellationToken cancellation)
    {
        if (Recent(repository.Name, fresh) is { } current)
        {
            return current;
        }

        return await ExclusiveAsync(repository.Name, async () => Recent(repository.Name, fresh) ?? await FetchHeldAsync(repository, cancellation), cancellation);
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding <paramref name="name"/>'s mirror lock (in this process and across processes).
    /// Requests that queue behind a fetch find it done, rather than fetching again one after another.
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(string name, Func<Task<T>> work, CancellationToken cancellation)
    {
        var gate = locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation);
        try
        {
            await using var fileLock = await LockAsync(PathOf(name) + ".lock", cancellation);
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Fetches the mirror now; the caller holds its lock (<see cref="ExclusiveAsync"/>).</summary>
    public async Task<MirrorSnapshot> FetchHeldAsync(RepositoryView repository, CancellationToken cancellation)
    {
        var path = PathOf(repository.Name);
        var used = await database.ReadAsync(RepositoryStore.TotalBytesAsync, cancellation);
        if (used >= options.MaxBytes)
        {
            throw new ApiProblemException(StatusCodes.Status507InsufficientStorage, "Mirrors full",
                $"the mirrors take {used} bytes, at or over their cap of {options.MaxBytes} (--mirrors-max-bytes); {repository.Name} was not fetched and nothing was decided");
        }

        string? error = null;
        try
        {
            var scheme = RepositoryAddress.Url("url", repository.Url);
            var environment = repository.Credential is { } credential && CredentialReference.Parse(credential) is { } reference
                ? reference.GitEnvironment(scheme)
                : new Dictionary<string, string>();
            await GitMirror.UpdateAsync(repository.Url, path, environment, options.FetchTimeout, cancellation);
        }
        catch (Exception e) when (e is GitCommandException or InvalidOperationException or IOException or UnauthorizedAccessException or ApiProblemException)
        {
            error = UntrustedText.ForTerminal(e.Message, 500);
        }

        await RepositoryStore.RecordFetchAsync(database, repository.Name, time.GetUtcNow(), error, GitMirror.SizeOnDisk(path), CancellationToken.None);
        if (error is not null)
        {
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Repository unavailable",
                $"cannot fetch {repository.Name}: {error}; nothing was decided (clients fail closed)");
        }

        var snapshot = new MirrorSnapshot(GitRepository.Open(path), Interlocked.Increment(ref generation), time.GetUtcNow());
        fetched[repository.Name] = snapshot;
        return snapshot;
    }

    private MirrorSnapshot? Recent(string name, Func<MirrorSnapshot, bool> fresh) =>
        fetched.TryGetValue(name, out var last) && time.GetUtcNow() - last.At < options.FetchInterval && fresh(last) ? last : null;

    /// <summary>An exclusive lock on <paramref name="path"/> (flock on Unix), waited for up to the fetch timeout.</summary>
    private async Task<FileStream> LockAsync(string path, CancellationToken cancellation)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var deadline = time.GetUtcNow() + options.FetchTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(100, cancellation);
            }
            catch (IOException e)
            {
                throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Repository busy",
                    $"another server process has been fetching {Path.GetFileName(path)} for longer than {options.FetchTimeout.TotalSeconds:0} s: {e.Message}");
            }
        }
    }
}
