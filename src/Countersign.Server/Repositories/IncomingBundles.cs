using System.Globalization;
using Countersign.Contracts;
using Countersign.Core.Text;
using Countersign.Git;
using Countersign.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>
/// Pushed objects a pre-receive hook sends before they are accepted (<c>POST /api/v1/repositories/{name}/bundles</c>):
/// a push sits in git's quarantine until the hook accepts it, so the server could not fetch it. The bundle carries
/// objects, not facts: git checks the pack and that every prerequisite commit is in the mirror (fetching the mirror
/// first when one is missing), and stores the objects, which are named by their content, under refs of the server's
/// own (<see cref="GitBundle.IncomingPrefix"/>), never under the remote's branches. The change is then built as any
/// other (<see cref="ServerBuiltChanges"/>): its base must be on the target branch the remote has, and a verdict on a
/// head is a verdict on that head's real content. Incoming refs are bounded: at most <see cref="KeptBundles"/>, none
/// older than <see cref="KeptFor"/>. Bundles count against the mirrors' disk cap.
/// </summary>
public sealed class IncomingBundles(ServerDatabase database, MirrorStore mirrors, ServerOptions options, TimeProvider time)
{
    /// <summary>How many received bundles keep their refs in a mirror.</summary>
    public const int KeptBundles = 64;

    /// <summary>The most refs one bundle may carry.</summary>
    public const int MaxRefs = 100;

    /// <summary>How long a received bundle keeps its refs (a hook asks for its change right after sending it).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    /// <summary>Receives a bundle into <paramref name="name"/>'s mirror.</summary>
    /// <param name="name">The registered repository.</param>
    /// <param name="body">The bundle (the request body; Kestrel bounds its size).</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<BundleReceipt>> ReceiveAsync(string name, Stream body, CancellationToken cancellation)
    {
        var repository = await database.ReadAsync(c => RepositoryStore.FindAsync(c, name), cancellation);
        if (repository is null)
        {
            return new Problem.NotFound($"{UntrustedText.ForTerminal(name, 200)} is not registered: the server builds no changes of it, so it takes no bundles for it");
        }

        var folder = Path.Combine(mirrors.Directory, ".incoming");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.bundle");
        try
        {
            long length;
            await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await body.CopyToAsync(stream, cancellation);
                length = stream.Length;
            }

            var used = await database.ReadAsync(RepositoryStore.TotalBytesAsync, cancellation);
            if (used + length > options.Mirrors.MaxBytes)
            {
                return new Problem.InsufficientStorage("Mirrors full", $"the mirrors take {used} bytes and the bundle {length} more, over their cap of {options.Mirrors.MaxBytes} (--mirrors-max-bytes); nothing was stored");
            }

            return await mirrors.ExclusiveAsync(repository.Name, () => ReceiveHeldAsync(repository, file, cancellation), cancellation);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<Outcome<BundleReceipt>> ReceiveHeldAsync(RepositoryView repository, string file, CancellationToken cancellation)
    {
        var path = mirrors.PathOf(repository.Name);
        var fetched = false;
        if (!Directory.Exists(Path.Combine(path, "objects")))
        {
            if (!(await mirrors.FetchHeldAsync(repository, cancellation)).Succeeded(out _, out var unfetched))
            {
                return unfetched;
            }

            fetched = true;
        }

        var mirror = GitRepository.Open(path);
        if (GitBundle.Heads(mirror, file) is not { } heads)
        {
            return new Problem.Invalid("body", "is not a git bundle (make one with 'git bundle create', or let 'countersign hook pre-receive --server' send it)");
        }

        if (heads.Count == 0 || heads.Count > MaxRefs || heads.Any(h => !h.Ref.StartsWith("refs/", StringComparison.Ordinal)))
        {
            return new Problem.Invalid("body", $"a bundle carries 1 to {MaxRefs} refs, each named refs/…; this one has {heads.Count}");
        }

        var check = GitBundle.Verify(mirror, file);
        if (!check.Ok && check.MissingPrerequisites && !fetched)
        {
            // The remote moved since the last fetch (another push was accepted): what the bundle builds on is there now.
            if (!(await mirrors.FetchHeldAsync(repository, cancellation)).Succeeded(out _, out var unfetched))
            {
                return unfetched;
            }

            fetched = true;
            check = GitBundle.Verify(mirror, file);
        }

        if (!check.Ok)
        {
            return check.MissingPrerequisites
                ? new Problem.Unprocessable("Bundle prerequisites missing",
                    $"the bundle builds on commits {repository.Name} does not have, even after fetching it: was the branch rewritten, or is the bundle for another repository?",
                    "missing", check.Details)
                : new Problem.Invalid("body", $"git refused the bundle: {UntrustedText.ForTerminal(check.Details.Count > 0 ? check.Details[0] : "", 300)}");
        }

        var now = time.GetUtcNow();
        var id = $"{now.ToUnixTimeSeconds():D12}-{Guid.NewGuid():N}"[..25];
        var prefix = $"{GitBundle.IncomingPrefix}{id}/";
        try
        {
            GitBundle.FetchInto(mirror, file, prefix);
        }
        catch (GitCommandException e)
        {
            return new Problem.Invalid("body", $"git refused the bundle: {UntrustedText.ForTerminal(e.Message, 300)}");
        }

        Forget(mirror, id, now);
        await RepositoryStore.RecordSizeAsync(database, repository.Name, GitMirror.SizeOnDisk(path), CancellationToken.None);
        var prerequisites = Prerequisites(file);
        return new BundleReceipt(repository.Name, [.. heads.Select(h => new BundleHead(h.Sha, prefix + h.Ref["refs/".Length..]))], prerequisites, fetched);
    }

    /// <summary>Drops incoming refs of bundles older than <see cref="KeptFor"/> and beyond the newest <see cref="KeptBundles"/>.</summary>
    private static void Forget(GitRepository mirror, string keep, DateTimeOffset now)
    {
        var oldest = (now - KeptFor).ToUnixTimeSeconds();
        var byBundle = GitBundle.IncomingRefs(mirror)
            .GroupBy(r => r[GitBundle.IncomingPrefix.Length..].Split('/')[0], StringComparer.Ordinal)
            .OrderByDescending(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var dropped = byBundle
            .Where((g, i) => g.Key != keep && (i >= KeptBundles || Seconds(g.Key) < oldest))
            .SelectMany(g => g)
            .ToList();
        GitBundle.DeleteRefs(mirror, dropped);
    }

    private static long Seconds(string id) =>
        long.TryParse(id.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    /// <summary>The prerequisite commits a bundle's header lists (lines <c>-SHA</c> before the blank line).</summary>
    private static IReadOnlyList<string> Prerequisites(string file)
    {
        var list = new List<string>();
        using var reader = new StreamReader(file, System.Text.Encoding.ASCII);
        string? line;
        while ((line = reader.ReadLine()) is { Length: > 0 } && list.Count <= MaxRefs * 10)
        {
            if (line.StartsWith('-'))
            {
                list.Add(line[1..].Split(' ')[0]);
            }
        }

        return list;
    }
}
