// Over 300 lines on purpose: the one adapter over the git executable for reading a repository; each method is a
// small command with its own parsing, and together they are the whole surface the engine may ask of git.
using System.Globalization;

namespace Countersign.Git;

/// <summary>
/// A git repository on disk (normal, bare, shallow or partial), read by driving the git executable.
/// Construction validates the path; every method reports git's own failure as a <see cref="GitCommandException"/>.
/// </summary>
public sealed class GitRepository
{
    /// <summary>Full commit ids git has confirmed (resolved revisions, merge bases): an id names the same commit forever.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> verifiedCommits = new(StringComparer.Ordinal);

    private GitRepository(string path, string gitDirectory, RepositoryKind kind)
    {
        Path = path;
        GitDirectory = gitDirectory;
        Kind = kind;
    }

    /// <summary>The folder the repository was opened from (work tree top level, or the bare repository).</summary>
    public string Path { get; }

    /// <summary>The absolute common git directory (where objects and refs live).</summary>
    public string GitDirectory { get; }

    public RepositoryKind Kind { get; }

    public static GitRepository Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new GitCommandException($"{full}: no such directory", isBadInput: true);
        }

        var (code, stdout, stderr) = GitProcess.Run(full,
            ["rev-parse", "--path-format=absolute", "--git-common-dir", "--is-bare-repository", "--is-shallow-repository", "--show-toplevel"]);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // --show-toplevel fails where there is no work tree (a bare repository, a git directory), after git has answered
        // the three questions before it: those answers stand. Only when fewer came is the retry without it worth running.
        if (lines.Length < 3 || !IsBoolean(lines[1]) || !IsBoolean(lines[2]))
        {
            (code, stdout, stderr) = GitProcess.Run(full,
                ["rev-parse", "--path-format=absolute", "--git-common-dir", "--is-bare-repository", "--is-shallow-repository"]);
            lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (code != 0 || lines.Length < 3)
            {
                var reason = GitProcess.FirstErrorLine(stderr) ?? "not a git repository";
                throw new GitCommandException($"{full}: not a git repository ({reason})", isBadInput: true);
            }
        }

        var isBare = lines[1] == "true";
        var isShallow = lines[2] == "true";
        var top = !isBare && lines.Length > 3 ? lines[3] : full;
        var config = GitProcess.Run(full, ["config", "--get-regexp", @"^(remote\..*\.promisor|extensions\.partialclone)$"]).Stdout;
        var isPartial = config.Split('\n').Any(l =>
            l.StartsWith("extensions.partialclone ", StringComparison.OrdinalIgnoreCase) ||
            l.EndsWith(" true", StringComparison.OrdinalIgnoreCase));
        return new GitRepository(top, lines[0], new RepositoryKind(isBare, isShallow, isPartial));
    }

    private static bool IsBoolean(string answer) => answer is "true" or "false";

    /// <summary>
    /// Lists the commits of <paramref name="selection"/>, oldest first (parents before children, then by date),
    /// leaving out everything reachable from <paramref name="exclude"/> (tips of an earlier scan).
    /// </summary>
    public IReadOnlyList<string> ListCommits(RevisionSelection selection, IEnumerable<string>? exclude = null)
    {
        var args = new List<string> { "rev-list", "--reverse", "--date-order" };
        args.AddRange(selection.ToArguments());
        var excluded = exclude?.ToList() ?? [];
        var stdin = excluded.Count == 0 ? null : string.Concat(excluded.Select(sha => $"^{sha}\n"));
        if (stdin is not null)
        {
            args.Add("--stdin");
        }

        var (code, stdout, stderr) = GitProcess.Run(Path, args, stdin);
        if (code != 0)
        {
            var line = GitProcess.FirstErrorLine(stderr) ?? $"git rev-list exited with {code}";
            if (line.Contains("bad revision", StringComparison.Ordinal) || line.Contains("ambiguous argument", StringComparison.Ordinal) || line.Contains("unknown revision", StringComparison.Ordinal))
            {
                throw new GitCommandException($"unknown revision in '{string.Join(' ', selection.Revisions)}': {line}", isBadInput: true);
            }

            // An empty repository has no HEAD yet: that is zero commits, not an error.
            if (line.Contains("does not have any commits", StringComparison.Ordinal) || IsEmpty())
            {
                return [];
            }

            throw new GitCommandException(line);
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The commits of <paramref name="selection"/> that changed <paramref name="path"/> (a literal path from the top),
    /// oldest first, with their parents. Cheap: git prunes the tree walk to that path and reads no blobs.
    /// </summary>
    public IReadOnlyList<(string Sha, IReadOnlyList<string> Parents)> CommitsTouching(RevisionSelection selection, string path)
    {
        var args = new List<string> { "log", "--reverse", "--date-order", "--full-history", "--format=%H %P" };
        args.AddRange(selection.ToArguments());
        args.Add("--");
        args.Add(path);
        var (code, stdout, _) = GitProcess.Run(Path, args);
        if (code != 0)
        {
            return [];
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (parts[0], (IReadOnlyList<string>)parts[1..]))
            .ToList();
    }

    /// <summary>Parents of each listed commit, for the given commits (one <c>rev-list --parents --no-walk</c> call).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parents(IReadOnlyCollection<string> shas)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (shas.Count == 0)
        {
            return result;
        }

        var stdout = GitProcess.Run(Path, ["rev-list", "--parents", "--no-walk=unsorted", "--stdin"], string.Concat(shas.Select(s => s + "\n"))).Stdout;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            result[parts[0]] = parts[1..];
        }

        return result;
    }

    /// <summary>
    /// Files changed between the merge base of <paramref name="baseRevision"/> and <paramref name="headRevision"/>
    /// and the head (what a pull request from head into base changes), with line counts and renames.
    /// </summary>
    public IReadOnlyList<Countersign.Core.History.FileChange> DiffFiles(string baseRevision, string headRevision)
    {
        var mergeBase = GitProcess.Run(Path, ["merge-base", baseRevision, headRevision]);
        var from = mergeBase.ExitCode == 0 ? mergeBase.Stdout.Trim() : ResolveCommit(baseRevision);
        return DiffCommits(from, ResolveCommit(headRevision));
    }

    /// <summary>
    /// Files changed from commit <paramref name="fromSha"/> to commit <paramref name="toSha"/> exactly (no merge base
    /// is looked for: the caller has one), with line counts and renames.
    /// </summary>
    public IReadOnlyList<Countersign.Core.History.FileChange> DiffCommits(string fromSha, string toSha)
    {
        var (from, to) = (ResolveCommit(fromSha), ResolveCommit(toSha));
        var stdout = GitProcess.RunChecked(Path, ["-c", "core.quotePath=false", "diff", "--numstat", "-z", "-M", from, to]);
        var files = new List<Countersign.Core.History.FileChange>();
        var parts = stdout.Split('\0');
        for (var i = 0; i < parts.Length; i++)
        {
            var entry = parts[i];
            if (entry.Length == 0)
            {
                continue;
            }

            var fields = entry.Split('\t', 3);
            if (fields.Length < 3)
            {
                continue;
            }

            int? added = int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
            int? deleted = int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
            if (fields[2].Length == 0 && i + 2 < parts.Length)
            {
                files.Add(new Countersign.Core.History.FileChange(parts[i + 2], added, deleted, added is null && deleted is null, parts[i + 1]));
                i += 2;
            }
            else
            {
                files.Add(new Countersign.Core.History.FileChange(fields[2], added, deleted, added is null && deleted is null));
            }
        }

        return files;
    }

    /// <summary>
    /// The best common ancestor of two revisions (<c>git merge-base</c>; the first when there are several). Unrelated
    /// histories, or an unknown revision, are bad input.
    /// </summary>
    public string MergeBase(string a, string b)
    {
        var (code, stdout, stderr) = GitProcess.Run(Path, ["merge-base", "--end-of-options", a, b]);
        var first = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (code == 0 && first is not null)
        {
            verifiedCommits.TryAdd(first, 0);
            return first;
        }

        var reason = code == 1 ? "they share no history" : GitProcess.FirstErrorLine(stderr) ?? $"git merge-base exited with {code}";
        throw new GitCommandException($"no merge base of '{a}' and '{b}': {reason}", isBadInput: true);
    }

    /// <summary>
    /// The patch identity of the diff from <paramref name="fromSha"/> to <paramref name="toSha"/> (see
    /// <see cref="PatchIdentity"/>): one <c>git diff</c> piped into one <c>git patch-id --stable</c>. An empty diff has
    /// the id <c>""</c> and no file ids.
    /// </summary>
    public PatchIdentity PatchIds(string fromSha, string toSha) =>
        PatchIdReader.Read(Path, ResolveCommit(fromSha), ResolveCommit(toSha));

    /// <summary>
    /// How many commits reachable from <paramref name="revision"/> were authored with any of <paramref name="emails"/>
    /// (compared case-insensitively, as recorded, without <c>.mailmap</c>), counting at most <paramref name="limit"/>
    /// so a prolific author does not cost a walk of the whole history. One <c>git rev-list</c>.
    /// </summary>
    public int CountCommitsByAuthor(string revision, IReadOnlyCollection<string> emails, int limit)
    {
        var authors = emails.Where(e => e.Length > 0 && !e.Contains('\n', StringComparison.Ordinal) && !e.Contains('>', StringComparison.Ordinal))
            .Select(e => $"--author=<{e}>").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (authors.Count == 0)
        {
            return 0;
        }

        var stdout = GitProcess.RunChecked(Path,
            ["rev-list", "--count", $"--max-count={limit}", "--fixed-strings", "--regexp-ignore-case", .. authors, ResolveCommit(revision), "--"]);
        return int.Parse(stdout.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The full ref name a revision names (<c>refs/heads/main</c>, <c>refs/remotes/origin/main</c>), or null when it is
    /// not a ref (a sha, <c>HEAD~2</c>, a detached <c>HEAD</c>) or is ambiguous.
    /// </summary>
    public string? FullRefName(string revision)
    {
        // rev-parse echoes --end-of-options under --symbolic-full-name, so options are refused by hand instead. A full
        // object id always names the object, never a ref, so git need not be asked.
        if (revision.StartsWith('-') || IsFullObjectId(revision))
        {
            return null;
        }

        var (code, stdout, _) = GitProcess.Run(Path, ["rev-parse", "--symbolic-full-name", revision]);
        var name = stdout.Trim();
        return code == 0 && name.StartsWith("refs/", StringComparison.Ordinal) && !name.Contains('\n', StringComparison.Ordinal) ? name : null;
    }

    /// <summary>
    /// The first-parent history of <paramref name="to"/> back to (not including) <paramref name="from"/> — or to the root
    /// when <paramref name="from"/> is null — newest first, each commit with its parents: the merges and direct commits
    /// that landed on a branch, one per change.
    /// </summary>
    public IReadOnlyList<(string Sha, IReadOnlyList<string> Parents)> FirstParentHistory(string? from, string to)
    {
        var args = new List<string> { "rev-list", "--first-parent", "--parents", ResolveCommit(to) };
        if (from is not null)
        {
            args.Add("^" + ResolveCommit(from));
        }

        args.Add("--");
        return GitProcess.RunChecked(Path, args)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(parts => (parts[0], (IReadOnlyList<string>)parts[1..]))
            .ToList();
    }

    /// <summary>The value of a git configuration key as this repository sees it, or null when unset.</summary>
    public string? ConfigValue(string key)
    {
        var (code, stdout, _) = GitProcess.Run(Path, ["config", "--get", key]);
        return code == 0 && stdout.Trim() is { Length: > 0 } value ? value : null;
    }

    /// <summary>True when <paramref name="sha"/> has commits that no branch contains yet (a push creating a branch from new work).</summary>
    public bool HasCommitsOutsideBranches(string sha) =>
        GitProcess.RunChecked(Path, ["rev-list", "--max-count=1", ResolveCommit(sha), "--not", "--branches"]).Trim().Length > 0;

    /// <summary>The full commit id a revision names; an unknown revision is bad input.</summary>
    public string ResolveCommit(string revision)
    {
        // A full id this object already verified as a commit stays one: asking git again would only repeat the answer.
        if (verifiedCommits.ContainsKey(revision))
        {
            return revision;
        }

        var (code, stdout, stderr) = GitProcess.Run(Path, ["rev-parse", "--verify", "--end-of-options", revision + "^{commit}"]);
        if (code != 0)
        {
            throw new GitCommandException($"unknown revision '{revision}': {GitProcess.FirstErrorLine(stderr) ?? "not a commit"}", isBadInput: true);
        }

        var commit = stdout.Trim();
        verifiedCommits.TryAdd(commit, 0);
        return commit;
    }

    /// <summary>True for a full object id as git prints it (40 or 64 lower-case hex digits).</summary>
    private static bool IsFullObjectId(string revision) =>
        revision.Length is 40 or 64 && revision.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Paths of all files in the tree of <paramref name="revision"/>.</summary>
    public IReadOnlyList<string> ListFiles(string revision)
    {
        var stdout = GitProcess.RunChecked(Path, ["-c", "core.quotePath=false", "ls-tree", "-r", "-z", "--name-only", ResolveCommit(revision)]);
        return stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The committer date of the newest commit a selection reaches (ignoring its <see cref="RevisionSelection.Since"/>):
    /// what an age such as <c>--since 3m</c> counts back from. Null when it reaches nothing or names no revision.
    /// </summary>
    public DateTimeOffset? NewestCommitTime(RevisionSelection selection)
    {
        var args = new List<string> { "log", "-1", "--no-show-signature", "--format=%ct" };
        args.AddRange((selection with { Since = null }).ToArguments());
        args.Add("--");
        var (code, stdout, _) = GitProcess.Run(Path, args);
        return code == 0 && long.TryParse(stdout.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>Resolves the tips of a selection (what the refs point to now), to remember for incremental rescans.</summary>
    public IReadOnlyList<string> ResolveTips(RevisionSelection selection)
    {
        var args = new List<string> { "rev-parse" };
        if (selection.AllRefs)
        {
            args.Add("--exclude=refs/notes/*");
            args.Add("--all");
        }

        foreach (var revision in selection.Revisions)
        {
            // A range "a..b" contributes its positive end; "^x" exclusions are not tips.
            var positive = revision.Contains("..", StringComparison.Ordinal) ? revision[(revision.LastIndexOf("..", StringComparison.Ordinal) + 2)..] : revision;
            if (positive.Length > 0 && !positive.StartsWith('^'))
            {
                args.Add(positive.TrimStart('.') + "^{commit}");
            }
        }

        var (code, stdout, _) = GitProcess.Run(Path, args);
        return code != 0 ? [] : stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Length == 40).Distinct().ToList();
    }

    /// <summary>The commits of <paramref name="tips"/> not reachable from another of them (<c>git merge-base --independent</c>).</summary>
    public IReadOnlyList<string> IndependentTips(IReadOnlyCollection<string> tips)
    {
        if (tips.Count <= 1)
        {
            return tips.ToList();
        }

        var (code, stdout, _) = GitProcess.Run(Path, ["merge-base", "--independent", .. tips]);
        return code == 0 ? stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : tips.ToList();
    }

    /// <summary>Which of the given object names exist as commits here (to drop tips that were rewritten away).</summary>
    public IReadOnlyList<string> ExistingCommits(IEnumerable<string> shas)
    {
        var list = shas.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var stdout = GitProcess.Run(Path, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], string.Join('\n', list) + "\n").Stdout;
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Where(p => p.Length == 2 && p[1] == "commit")
            .Select(p => p[0])
            .ToList();
    }

    /// <summary>Whether each named object (<c>sha</c> or <c>rev:path</c>) exists, in order.</summary>
    public IReadOnlyList<bool> ObjectsExist(IEnumerable<string> objectNames)
    {
        var names = objectNames.Where(n => !n.Contains('\n', StringComparison.Ordinal)).ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var stdout = GitProcess.Run(Path, ["cat-file", "--batch-check"], string.Concat(names.Select(n => n + "\n"))).Stdout;
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => !l.EndsWith(" missing", StringComparison.Ordinal) && !l.EndsWith(" ambiguous", StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Reads every note of a notes ref (e.g. <c>refs/notes/ai</c>) as (annotated commit → note text).
    /// A missing ref yields an empty map.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReadNotes(string notesRef)
    {
        var (code, stdout, _) = GitProcess.Run(Path, ["notes", $"--ref={notesRef}", "list"]);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (code != 0 || stdout.Length == 0)
        {
            return result;
        }

        var pairs = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Where(p => p.Length == 2)
            .ToList();
        using var blobs = new GitBlobReader(Path);
        foreach (var pair in pairs)
        {
            if (blobs.TryRead(pair[0]) is { } bytes)
            {
                result[pair[1]] = GitProcess.Utf8.GetString(bytes);
            }
        }

        return result;
    }

    /// <summary>
    /// Paths of the files in the working tree that git tracks or would track (untracked files not ignored), relative to
    /// <paramref name="directory"/> inside it: what a commit made there now would hold.
    /// </summary>
    public IReadOnlyList<string> WorkingTreeFiles(string directory) =>
        GitProcess.RunChecked(directory, ["-c", "core.quotePath=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when the repository has no commits at all.</summary>
    public bool IsEmpty() => GitProcess.Run(Path, ["rev-parse", "--verify", "-q", "HEAD"]).ExitCode != 0
        && GitProcess.Run(Path, ["for-each-ref", "--count=1", "refs/heads"]).Stdout.Length == 0;

    /// <summary>Commit time of the newest commit, for progress estimates.</summary>
    internal static DateTimeOffset ParseUnix(string seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(seconds, CultureInfo.InvariantCulture));
}
