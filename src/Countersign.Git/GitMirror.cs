using System.Diagnostics;

namespace Countersign.Git;

/// <summary>
/// A bare mirror of a remote repository (<c>git clone --mirror</c>, then <c>git fetch --prune</c>): every ref of the
/// remote, as the remote has it. Only the transports in <see cref="AllowedProtocols"/> may be used — never
/// <c>ext::</c> or <c>fd::</c>, which run commands — and credentials reach git through its environment, never its
/// arguments. A first clone goes to a temporary folder renamed into place, so a half-made mirror is never used.
/// </summary>
public static class GitMirror
{
    /// <summary>What <c>GIT_ALLOW_PROTOCOL</c> is set to for every clone and fetch.</summary>
    public const string AllowedProtocols = "file:https:http:ssh";

    /// <summary>
    /// Clones <paramref name="url"/> into <paramref name="directory"/> as a bare mirror, or fetches into the mirror
    /// already there (pruning refs the remote deleted or rewrote). Auto-gc is off, so a reader of the mirror never
    /// loses a pack under its feet. Refs under <see cref="GitBundle.IncomingPrefix"/> (pushes received as bundles) are
    /// neither fetched nor pruned (a negative refspec, git 2.29 or later).
    /// </summary>
    /// <param name="url">The remote; the caller has validated it.</param>
    /// <param name="directory">The mirror's folder.</param>
    /// <param name="environment">Extra variables for git (credentials: <c>GIT_CONFIG_*</c>, <c>GIT_SSH_COMMAND</c>).</param>
    /// <param name="timeout">How long git may take.</param>
    /// <param name="cancellation">Cancels (git is killed).</param>
    /// <exception cref="GitCommandException">git failed or timed out; the message is git's first error line.</exception>
    public static async Task UpdateAsync(string url, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellation)
    {
        var env = new Dictionary<string, string>(environment) { ["GIT_ALLOW_PROTOCOL"] = AllowedProtocols };
        if (Directory.Exists(Path.Combine(directory, "objects")))
        {
            await RunAsync(directory, ["config", "remote.origin.url", url], env, timeout, cancellation);
            await RunAsync(directory, ["-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", $"remote.origin.fetch=^{GitBundle.IncomingPrefix}*", "fetch", "--prune", "--quiet", "--no-write-fetch-head", "origin"], env, timeout, cancellation);
            return;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(directory)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await RunAsync(parent, ["-c", "gc.auto=0", "clone", "--mirror", "--quiet", "--", url, temporary], env, timeout, cancellation);
            await RunAsync(temporary, ["config", "gc.auto", "0"], env, timeout, cancellation);
            Directory.Move(temporary, directory);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>
    /// Every ref of the mirror with the object it names, and what HEAD points at: equal before and after a fetch exactly
    /// when the fetch changed no ref, so what was resolved in the mirror before still holds.
    /// </summary>
    /// <param name="directory">The mirror's folder.</param>
    public static string Refs(string directory)
    {
        var head = Path.Combine(directory, "HEAD");
        return GitProcess.RunChecked(directory, ["for-each-ref", "--format=%(objectname) %(refname)"]) + "\0" + (File.Exists(head) ? File.ReadAllText(head) : "");
    }

    /// <summary>Bytes the files under <paramref name="directory"/> take (0 when it does not exist).</summary>
    public static long SizeOnDisk(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }).Sum(f => f.Length)
            : 0;

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    public static bool IsAncestor(GitRepository repository, string ancestor, string descendant)
    {
        var (code, _, stderr) = GitProcess.Run(repository.Path, ["merge-base", "--is-ancestor", ancestor, descendant]);
        return code switch
        {
            0 => true,
            1 => false,
            _ => throw new GitCommandException(GitProcess.FirstErrorLine(stderr) ?? $"git merge-base exited with code {code}"),
        };
    }

    /// <summary>
    /// True when a ref of the repository reaches <paramref name="sha"/>. A mirror keeps the objects of deleted branches
    /// and rewritten history after the refs are gone; this tells a commit the remote still has from one it dropped.
    /// </summary>
    public static bool IsReachable(GitRepository repository, string sha) =>
        GitProcess.RunChecked(repository.Path, ["for-each-ref", "--count=1", "--format=%(refname)", $"--contains={sha}"]).Trim().Length > 0;

    private static async Task RunAsync(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellation)
    {
        using var process = GitProcess.Start(workingDirectory, arguments, environment: environment);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellation.IsCancellationRequested)
            {
                throw;
            }

            throw new GitCommandException($"git {arguments.First(a => !a.StartsWith('-') && !a.Contains('='))} did not finish within {timeout.TotalSeconds:0} s");
        }

        await stdout;
        var error = await stderr;
        if (process.ExitCode != 0)
        {
            throw new GitCommandException(GitProcess.FirstErrorLine(error) ?? $"git exited with code {process.ExitCode}");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
