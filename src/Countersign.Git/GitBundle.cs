using System.Text;

namespace Countersign.Git;

/// <summary>
/// Git bundles that carry a push's new objects to a server mirroring the repository. <see cref="Write"/> makes one for
/// commits no ref names yet — a pre-receive hook's push sits in git's quarantine, and <c>git bundle create</c> bundles
/// refs only — by writing the header <c>git bundle create</c> writes (the excluded commits as prerequisites, the tip
/// under a ref name) and the thin pack of <c>tip --not excluded</c> that it asks <c>pack-objects</c> for.
/// <see cref="Verify"/>, <see cref="Heads"/> and <see cref="FetchInto"/> are the receiving side: git checks the pack
/// and the prerequisites, and the objects it stores are named by their content.
/// </summary>
public static class GitBundle
{
    /// <summary>The ref namespace of a mirror that received bundles land under (never fetched from the remote, never pruned).</summary>
    public const string IncomingPrefix = "refs/countersign/incoming/";

    /// <summary>Writes a bundle of <paramref name="tip"/> without what <paramref name="excluded"/> reaches.</summary>
    /// <param name="repository">The repository holding the objects (a hook's environment lets git read its quarantine).</param>
    /// <param name="output">Where the bundle goes.</param>
    /// <param name="tip">The commit to carry.</param>
    /// <param name="refName">The name the bundle gives the tip (<c>refs/heads/main</c>).</param>
    /// <param name="excluded">Commits the receiver has already (the branch's old tip); empty for a whole history.</param>
    /// <exception cref="GitCommandException">git failed.</exception>
    public static void Write(GitRepository repository, Stream output, string tip, string refName, IReadOnlyList<string> excluded)
    {
        var header = new StringBuilder(tip.Length == 64 ? "# v3 git bundle\n@object-format=sha256\n" : "# v2 git bundle\n");
        foreach (var sha in excluded)
        {
            header.Append('-').Append(sha).Append('\n');
        }

        header.Append(tip).Append(' ').Append(refName).Append("\n\n");
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));

        using var process = GitProcess.Start(repository.Path, ["pack-objects", "--stdout", "--thin", "--delta-base-offset", "--revs", "-q"], redirectStdin: true, bufferedOutput: true);
        var stderr = process.StandardError.ReadToEndAsync();
        var revisions = new StringBuilder(tip).Append('\n');
        foreach (var sha in excluded)
        {
            revisions.Append('^').Append(sha).Append('\n');
        }

        process.StandardInput.Write(revisions.ToString());
        process.StandardInput.Close();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new GitCommandException(GitProcess.FirstErrorLine(stderr.GetAwaiter().GetResult()) ?? $"git pack-objects exited with code {process.ExitCode}");
        }
    }

    /// <summary>The refs a bundle file carries, as (commit, ref name); null when the file is not a bundle.</summary>
    /// <param name="repository">A repository to run git in.</param>
    /// <param name="bundle">The bundle file.</param>
    public static IReadOnlyList<(string Sha, string Ref)>? Heads(GitRepository repository, string bundle)
    {
        var (code, stdout, _) = GitProcess.Run(repository.Path, ["bundle", "list-heads", bundle]);
        if (code != 0)
        {
            return null;
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (parts[0], parts[1].Trim()))
            .ToList();
    }

    /// <summary>Whether <paramref name="repository"/> can take the bundle: it is one, and every prerequisite commit is there.</summary>
    /// <param name="repository">The receiving repository.</param>
    /// <param name="bundle">The bundle file.</param>
    public static BundleCheck Verify(GitRepository repository, string bundle)
    {
        var (code, _, stderr) = GitProcess.Run(repository.Path, ["bundle", "verify", bundle]);
        if (code == 0)
        {
            return new BundleCheck(true, false, []);
        }

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var lacks = Array.FindIndex(lines, l => l.Contains("lacks these prerequisite", StringComparison.Ordinal));
        if (lacks >= 0)
        {
            // "error: Repository lacks these prerequisite commits:" then one "error: SHA [name]" line per commit.
            var missing = lines.Skip(lacks + 1)
                .Select(l => l.StartsWith("error:", StringComparison.Ordinal) ? l["error:".Length..].Trim() : l)
                .Select(l => l.Split(' ')[0])
                .Where(IsObjectId)
                .ToList();
            return new BundleCheck(false, true, missing);
        }

        return new BundleCheck(false, false, [GitProcess.FirstErrorLine(stderr) ?? $"git bundle verify exited with code {code}"]);
    }

    /// <summary>Stores the bundle's objects and names its <c>refs/…</c> under <paramref name="prefix"/> (ending in '/').</summary>
    /// <param name="repository">The receiving repository (verified with <see cref="Verify"/> first).</param>
    /// <param name="bundle">The bundle file.</param>
    /// <param name="prefix">Where the refs go: <c>refs/countersign/incoming/ID/</c>.</param>
    /// <exception cref="GitCommandException">git refused the bundle.</exception>
    public static void FetchInto(GitRepository repository, string bundle, string prefix) =>
        GitProcess.RunChecked(repository.Path, ["-c", "gc.auto=0", "-c", "maintenance.auto=false", "fetch", "--quiet", "--no-write-fetch-head", "--no-tags", bundle, $"+refs/*:{prefix}*"]);

    /// <summary>The refs under <see cref="IncomingPrefix"/>, by name.</summary>
    /// <param name="repository">A mirror.</param>
    public static IReadOnlyList<string> IncomingRefs(GitRepository repository) =>
        GitProcess.RunChecked(repository.Path, ["for-each-ref", "--format=%(refname)", IncomingPrefix])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Deletes <paramref name="refs"/> in one transaction.</summary>
    /// <param name="repository">A mirror.</param>
    /// <param name="refs">Full ref names.</param>
    public static void DeleteRefs(GitRepository repository, IReadOnlyCollection<string> refs)
    {
        if (refs.Count > 0)
        {
            GitProcess.RunChecked(repository.Path, ["update-ref", "--stdin"], string.Concat(refs.Select(r => $"delete {r}\n")));
        }
    }

    private static bool IsObjectId(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);
}
