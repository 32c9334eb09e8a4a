using System.Collections.Concurrent;
using Countersign.Contracts;
using Countersign.Core.Text;
using Countersign.Git;
using Countersign.Data;
using Countersign.Server.Evaluation;
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
/// <param name="database">Where fetches are recorded.</param>
/// <param name="options">The mirrors' settings.</param>
/// <param name="directory">The folder of the mirrors.</param>
/// <param name="time">The clock.</param>
/// <param name="installationSecret">
/// A GitHub App installation's token for <c>github-app:ID</c> credentials (<see cref="Forges.GitHub.InstallationTokens.SecretAsync"/>);
/// null when the server is no GitHub App.
/// </param>
public sealed class MirrorStore(
    ServerDatabase database, MirrorOptions options, string directory, TimeProvider time,
    Func<long, CancellationToken, Task<Outcome<string>>>? installationSecret = null)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MirrorSnapshot> fetched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> refs = new(StringComparer.Ordinal);
    private long generation;

    /// <summary>The folder holding the mirrors.</summary>
    public string Directory { get; } = directory;

    /// <summary>Where <paramref name="name"/>'s mirror is.</summary>
    public string PathOf(string name) => Path.Combine(Directory, RepositoryAddress.MirrorFolder(name));

    /// <summary>
    /// Brings the mirror up to date, unless it was fetched within <see cref="MirrorOptions.FetchInterval"/> and
    /// <paramref name="fresh"/> says it already has what is needed. A failure is recorded and answered with a 503 (the
    /// caller fails closed); mirrors at their cap, or brought over it by this fetch, with a 507 naming the repository
    /// and the figures (what the fetch brought stays in the mirror, which stays whole: git writes objects before refs).
    /// </summary>
    /// <param name="repository">The registered repository.</param>
    /// <param name="fresh">Whether the mirror as it is will do (asked only within the interval).</param>
    /// <param name="cancellation">Cancels the fetch.</param>
    /// <returns>The mirror and its generation, a number that changes with every fetch that moved a ref (what callers cache against).</returns>
    public async Task<Outcome<MirrorSnapshot>> FetchAsync(RepositoryView repository, Func<MirrorSnapshot, bool> fresh, CancellationToken cancellation)
    {
        if (Recent(repository.Name, fresh) is { } current)
        {
            return current;
        }

        var gate = locks.GetOrAdd(repository.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation);
        try
        {
            // Requests that queued behind a fetch use it rather than fetching again, one after another.
            if (Recent(repository.Name, fresh) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var path = PathOf(repository.Name);
            if (!(await LockAsync(path + ".lock", cancellation)).Succeeded(out var fileLock, out var busy))
            {
                return busy;
            }

            await using (fileLock)
            {
                return await FetchLockedAsync(repository, path, cancellation);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding <paramref name="name"/>'s mirror lock (in this process and across processes);
    /// a 503 when another process holds it longer than the fetch timeout.
    /// </summary>
    public async Task<Outcome<T>> ExclusiveAsync<T>(string name, Func<Task<Outcome<T>>> work, CancellationToken cancellation)
    {
        var gate = locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellation);
        try
        {
            if (!(await LockAsync(PathOf(name) + ".lock", cancellation)).Succeeded(out var fileLock, out var busy))
            {
                return busy;
            }

            await using (fileLock)
            {
                return await work();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Fetches the mirror now; the caller holds its lock (<see cref="ExclusiveAsync"/>).</summary>
    public Task<Outcome<MirrorSnapshot>> FetchHeldAsync(RepositoryView repository, CancellationToken cancellation) =>
        FetchLockedAsync(repository, PathOf(repository.Name), cancellation);

    private async Task<Outcome<MirrorSnapshot>> FetchLockedAsync(RepositoryView repository, string path, CancellationToken cancellation)
    {
        var used = await database.ReadAsync(RepositoryStore.TotalBytesAsync, cancellation);
        if (used >= options.MaxBytes)
        {
            return Full($"the mirrors take {used} bytes, at or over their cap of {options.MaxBytes} bytes (--mirrors-max-bytes); {repository.Name} was not fetched");
        }

        var error = await UpdateAsync(repository, path, cancellation) is { } why ? UntrustedText.ForTerminal(why, 500) : null;

        var bytes = GitMirror.SizeOnDisk(path);
        var total = used - repository.MirrorBytes + bytes;
        if (error is null && total > options.MaxBytes)
        {
            error = $"the mirrors would take {total} bytes after this fetch ({repository.Name}: {bytes} bytes), over their cap of {options.MaxBytes} bytes (--mirrors-max-bytes)";
        }

        await RepositoryStore.RecordFetchAsync(database, repository.Name, time.GetUtcNow(), error, bytes, CancellationToken.None);
        if (error is not null)
        {
            return total > options.MaxBytes
                ? Full(error)
                : new Problem.Unavailable("Repository unavailable", $"cannot fetch {repository.Name}: {error}; nothing was decided (clients fail closed)");
        }

        // A fetch that moved no ref keeps the generation: what callers resolved and built against it still holds.
        var after = RefsOf(path);
        var snapshot = after is not null && fetched.TryGetValue(repository.Name, out var previous) && refs.TryGetValue(repository.Name, out var before) && before == after
            ? previous with { At = time.GetUtcNow() }
            : new MirrorSnapshot(GitRepository.Open(path), Interlocked.Increment(ref generation), time.GetUtcNow());
        if (after is null)
        {
            refs.TryRemove(repository.Name, out _);
        }
        else
        {
            refs[repository.Name] = after;
        }

        fetched[repository.Name] = snapshot;
        return snapshot;
    }

    /// <summary>Clones or fetches the mirror; null when it worked, else why not (a stored URL git may not take, an unusable credential, git's error).</summary>
    private async Task<string?> UpdateAsync(RepositoryView repository, string path, CancellationToken cancellation)
    {
        if (!RepositoryAddress.Url("url", repository.Url).Succeeded(out var scheme, out var badUrl))
        {
            return badUrl.Detail;
        }

        var reference = repository.Credential is { } credential ? CredentialReference.Parse(credential) : null;
        Outcome<IReadOnlyDictionary<string, string>> environment;
        if (reference is { Installation: { } installation } && installationSecret is not null && scheme is "http" or "https")
        {
            // The token is asked for at each fetch (cached by the provider until shortly before it expires).
            var secret = await installationSecret(installation, cancellation);
            environment = secret.Succeeded(out var token, out var refused)
                ? CredentialReference.HttpEnvironment(token)
                : new Problem.Unavailable("Credential unusable", $"no installation token for the credential {reference}: {refused.Detail}");
        }
        else
        {
            environment = reference is not null
                ? reference.GitEnvironment(scheme, options.SshProgram)
                : new Outcome<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
        }

        if (!environment.Succeeded(out var variables, out var unusable))
        {
            return unusable.Detail;
        }

        try
        {
            await GitMirror.UpdateAsync(repository.Url, path, variables, options.FetchTimeout, cancellation);
            return null;
        }
        catch (Exception e) when (e is GitCommandException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The remote or the disk failed (git's own error, a process that could not start): infrastructure, not the request.
            return e.Message;
        }
    }

    private static Problem.InsufficientStorage Full(string why) =>
        new("Mirrors full", $"{why}; nothing was decided");

    private static string? RefsOf(string path)
    {
        try
        {
            return GitMirror.Refs(path);
        }
        catch (GitCommandException)
        {
            return null; // unknown: a new generation, as before
        }
    }

    private MirrorSnapshot? Recent(string name, Func<MirrorSnapshot, bool> fresh) =>
        fetched.TryGetValue(name, out var last) && time.GetUtcNow() - last.At < options.FetchInterval && fresh(last) ? last : null;

    /// <summary>An exclusive lock on <paramref name="path"/> (flock on Unix), waited for up to the fetch timeout; a 503 when another process holds it longer.</summary>
    private async Task<Outcome<FileStream>> LockAsync(string path, CancellationToken cancellation)
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
                return new Problem.Unavailable("Repository busy",
                    $"another server process has been fetching {Path.GetFileName(path)} for longer than {options.FetchTimeout.TotalSeconds:0} s: {e.Message}");
            }
        }
    }
}
