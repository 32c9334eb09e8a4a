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

    private readonly JitState state;
    private readonly HashSet<int> unionScratch = [];
    private readonly HashSet<int> devScratch = [];

    public JitFeatureCalculator(JitState? state = null) => this.state = state ?? new JitState();

    public JitState State => state;

    public JitFeatures Next(CommitRecord commit)
    {
        var files = commit.Files;
        var subsystems = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        var la = 0;
        var ld = 0;
        foreach (var file in files)
        {
            subsystems.Add(Subsystem(file.Path));
            directories.Add(Directory(file.Path));
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
        unionScratch.Clear();
        devScratch.Clear();
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
                unionScratch.Add(c);
            }

            foreach (var d in fs.Developers)
            {
                devScratch.Add(d);
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
            devScratch.Count,
            ageCount == 0 ? 0 : ageSum / ageCount,
            unionScratch.Count,
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

    internal static string Subsystem(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "/" : path[..slash];
    }

    internal static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "/" : path[..slash];
    }
}
