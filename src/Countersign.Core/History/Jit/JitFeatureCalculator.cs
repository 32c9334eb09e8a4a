namespace Countersign.Core.History.Jit;

/// <summary>
/// Computes <see cref="JitFeatures"/> incrementally: feed commits oldest first with <see cref="Next"/>;
/// each result depends only on the commits fed before it. The state can be saved and restored
/// (<see cref="JitState"/>) so an incremental rescan continues where the last one stopped.
/// </summary>
/// <remarks>
/// Merge commits get size features only (git reports no diff for them) and do not update history state.
/// Developers are identified by lower-cased e-mail. REXP buckets earlier changes by calendar month and
/// weighs each by 1/(whole years before the current change + 1). LT is the running sum of added minus deleted lines, so in a shallow history it
/// counts only lines added since the shallow boundary.
/// </remarks>
public sealed class JitFeatureCalculator
{
    private const double SecondsPerDay = 86_400;

    // Distinct counts (NUC, NDEV) mark each change ordinal and developer id with the current commit's stamp in an
    // array indexed by it, instead of hashing them into a set: the union of every touched file's history is the
    // scan's hottest loop. Ids outside the arrays' plausible range (a hand-edited saved state) go through a set.
    private const int MaxDenseId = 1 << 26;

    private readonly JitState state;
    private readonly HashSet<int> sparseChanges = [];
    private readonly HashSet<int> sparseDevelopers = [];
    // Per-commit sets, emptied before each commit. Clearing costs the set's capacity, not its count: after one commit
    // that touched thousands of directories (a vendored import), every later Clear zeroed those buckets again. A set
    // that grew past SmallSet is replaced instead.
    private const int SmallSet = 64;
    private HashSet<string> subsystems = new(StringComparer.Ordinal);
    private HashSet<string> directories = new(StringComparer.Ordinal);

    // Subsystem and directory names, looked up by the path's span: a name seen before costs no allocation.
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> nameLookup;
    private int[] changeStamps = [];
    private int[] developerStamps = [];
    private int stamp;

    public JitFeatureCalculator(JitState? state = null)
    {
        this.state = state ?? new JitState();
        nameLookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public JitState State => state;

    public JitFeatures Next(CommitRecord commit)
    {
        var files = commit.Files;
        Empty(ref subsystems);
        Empty(ref directories);
        var la = 0;
        var ld = 0;
        foreach (var file in files)
        {
            subsystems.Add(Name(SubsystemOf(file.Path)));
            directories.Add(Name(DirectoryOf(file.Path)));
            la += file.Added ?? 0;
            ld += file.Deleted ?? 0;
        }

        var entropy = Entropy(files, la + ld);
        var fix = FixDetector.IsFix(commit.Message);
        var author = commit.Author.Email.ToLowerInvariant();
        var now = commit.Author.When.ToUnixTimeSeconds();
        var authorId = state.AuthorId(author);
        var authorState = state.Author(authorId);

        long lt = 0;
        double ageSum = 0;
        var ageCount = 0;
        var changes = 0;
        var developers = 0;
        NextStamp();
        foreach (var file in files)
        {
            var key = file.OldPath ?? file.Path;
            if (!state.Files.TryGetValue(key, out var fs))
            {
                continue;
            }

            lt += Math.Max(0, fs.Lines);
            ageSum += Math.Max(0, now - fs.LastChange) / SecondsPerDay;
            ageCount++;
            foreach (var c in fs.Changes)
            {
                changes += FirstSighting(ref changeStamps, sparseChanges, c, state.NextChange);
            }

            foreach (var d in fs.Developers)
            {
                developers += FirstSighting(ref developerStamps, sparseDevelopers, d, state.Authors.Count);
            }
        }

        var sexp = 0;
        foreach (var s in subsystems)
        {
            sexp += authorState.BySubsystem.GetValueOrDefault(s);
        }

        var features = new JitFeatures(
            subsystems.Count,
            directories.Count,
            files.Count,
            entropy,
            la,
            ld,
            lt,
            fix,
            developers,
            ageCount == 0 ? 0 : ageSum / ageCount,
            changes,
            authorState.Changes,
            RecentExperience(authorState, now),
            sexp);

        if (!commit.IsMerge)
        {
            Record(commit, authorId, authorState, subsystems, now);
        }

        return features;
    }

    private void Record(CommitRecord commit, int authorId, JitState.AuthorState author, HashSet<string> subsystems, long now)
    {
        var ordinal = state.NextChange++;
        author.Changes++;
        var month = MonthIndex(now);
        author.ByMonth[month] = author.ByMonth.GetValueOrDefault(month) + 1;
        foreach (var s in subsystems)
        {
            author.BySubsystem[s] = author.BySubsystem.GetValueOrDefault(s) + 1;
        }

        foreach (var file in commit.Files)
        {
            JitState.FileState fs;
            if (file.OldPath is { } old && state.Files.Remove(old, out var moved))
            {
                fs = moved;
            }
            else if (!state.Files.TryGetValue(file.Path, out fs!))
            {
                fs = new JitState.FileState();
            }

            state.Files[file.Path] = fs;
            fs.Lines += (file.Added ?? 0) - (file.Deleted ?? 0);
            fs.LastChange = now;
            fs.Changes.Add(ordinal);
            if (!fs.Developers.Contains(authorId))
            {
                fs.Developers.Add(authorId);
            }
        }
    }

    private static double RecentExperience(JitState.AuthorState author, long now)
    {
        var current = MonthIndex(now);
        double sum = 0;
        foreach (var (month, count) in author.ByMonth)
        {
            sum += count / ((Math.Max(0, current - month) / 12) + 1.0);
        }

        return sum;
    }

    private static int MonthIndex(long unixSeconds)
    {
        var date = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;
        return (date.Year * 12) + date.Month - 1;
    }

    internal static double Entropy(IReadOnlyList<FileChange> files, int totalChurn)
    {
        if (totalChurn == 0 || files.Count < 2)
        {
            return 0;
        }

        double entropy = 0;
        foreach (var file in files)
        {
            var churn = file.ChurnedLines;
            if (churn == 0)
            {
                continue;
            }

            var p = (double)churn / totalChurn;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    private static void Empty(ref HashSet<string> set)
    {
        if (set.Count > SmallSet)
        {
            set = new HashSet<string>(StringComparer.Ordinal);
        }
        else
        {
            set.Clear();
        }
    }

    private void NextStamp()
    {
        sparseChanges.Clear();
        sparseDevelopers.Clear();
        if (++stamp == int.MaxValue)
        {
            Array.Clear(changeStamps);
            Array.Clear(developerStamps);
            stamp = 1;
        }
    }

    /// <summary>1 when <paramref name="id"/> is seen for the first time in this commit's union, else 0.</summary>
    private int FirstSighting(ref int[] stamps, HashSet<int> sparse, int id, int expected)
    {
        if ((uint)id >= MaxDenseId)
        {
            return sparse.Add(id) ? 1 : 0;
        }

        if (id >= stamps.Length)
        {
            Array.Resize(ref stamps, Math.Max(Math.Max(id + 1, expected), stamps.Length * 2));
        }

        if (stamps[id] == stamp)
        {
            return 0;
        }

        stamps[id] = stamp;
        return 1;
    }

    private string Name(ReadOnlySpan<char> name)
    {
        if (!nameLookup.TryGetValue(name, out var known))
        {
            known = name.ToString();
            names[known] = known;
        }

        return known;
    }

    private static ReadOnlySpan<char> SubsystemOf(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "/" : path.AsSpan(0, slash);
    }

    private static ReadOnlySpan<char> DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "/" : path.AsSpan(0, slash);
    }

    internal static string Subsystem(string path) => SubsystemOf(path).ToString();

    internal static string Directory(string path) => DirectoryOf(path).ToString();
}
