namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// Decides which Agent Trace records apply to which commit, from the records each commit appended to
/// <c>.agent-trace/traces.jsonl</c> (see <see cref="NewRecords"/>). Use in two phases: <see cref="AddCommit"/> for
/// every scanned commit (including those that appended nothing, so that their shas are known), then
/// <see cref="ForCommit"/>. Each record (by <see cref="AgentTraceRecord.Id"/>) applies to exactly one commit:
/// <list type="number">
/// <item>A record is owned by the first commit fed to the index whose traces file newly contains it.</item>
/// <item>It applies to that owning commit when its <c>vcs.revision</c> is empty, names one of the owning commit's
/// parents, or names no commit fed to the index. The parent case is the reference implementation's behaviour: it
/// records <c>git rev-parse HEAD</c> while editing, which is the parent of the commit that will hold the work. The
/// unknown-commit case is a rebase or squash: the revision names a commit that no longer exists in this history.</item>
/// <item>Otherwise it applies to the commit its revision names (full sha, or an unambiguous prefix of at least 7
/// characters), as the spec reads it: a writer that records traces after committing.</item>
/// </list>
/// Records without an id cannot be de-duplicated and are kept every time they are fed.
/// </summary>
public sealed class AgentTraceIndex
{
    private const int MinPrefix = 7;

    private readonly List<(string Commit, IReadOnlyList<string> Parents, AgentTraceRecord Record)> _appended = [];
    private readonly HashSet<string> _commits = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private Dictionary<string, List<AgentTraceRecord>>? _assigned;

    /// <summary>Records the records that <paramref name="commitSha"/> appended to its traces file, oldest commit first.</summary>
    public void AddCommit(string commitSha, IReadOnlyList<string> parentShas, IEnumerable<AgentTraceRecord> appended)
    {
        _commits.Add(commitSha);
        foreach (var record in appended)
        {
            if (record.Id.Length == 0 || _seenIds.Add(record.Id))
            {
                _appended.Add((commitSha, parentShas, record));
            }
        }

        _assigned = null;
    }

    /// <summary>The records that apply to <paramref name="commitSha"/> (a full sha fed to <see cref="AddCommit"/>), in feed order.</summary>
    public IReadOnlyList<AgentTraceRecord> ForCommit(string commitSha)
    {
        _assigned ??= Assign();
        return _assigned.TryGetValue(commitSha, out var records) ? records : [];
    }

    /// <summary>
    /// The records a commit's version of a traces file adds to its parent's version. Lines after the longest common
    /// prefix are new unless the parent also has them anywhere (so a rewritten, reordered or compacted file yields only
    /// genuinely new lines). <paramref name="parentContent"/> is null when the parent had no such file. Diagnostics
    /// carry the line number in the child file.
    /// </summary>
    public static AgentTraceParseResult NewRecords(string? parentContent, string childContent, string source)
    {
        var parent = (parentContent ?? "").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var child = childContent.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var common = 0;
        while (common < parent.Count && common < child.Count && parent[common] == child[common])
        {
            common++;
        }

        var old = parent.Skip(common).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var fresh = child.Select((line, index) => index >= common && !old.Contains(line.Trim()) ? line : "");
        return AgentTraceParser.ParseJsonLines(string.Join('\n', fresh), source);
    }

    private Dictionary<string, List<AgentTraceRecord>> Assign()
    {
        var byPrefix = _commits.ToLookup(c => c[..Math.Min(MinPrefix, c.Length)], StringComparer.OrdinalIgnoreCase);
        var assigned = new Dictionary<string, List<AgentTraceRecord>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (commit, parents, record) in _appended)
        {
            var target = commit;
            if (record.Revision is { Length: >= MinPrefix } revision
                && !parents.Any(p => Matches(p, revision))
                && byPrefix[revision[..MinPrefix]].Where(c => Matches(c, revision)).ToList() is [var named])
            {
                target = named;
            }

            if (!assigned.TryGetValue(target, out var list))
            {
                assigned[target] = list = [];
            }

            list.Add(record);
        }

        return assigned;
    }

    private static bool Matches(string sha, string revision) =>
        revision.Length >= MinPrefix && sha.StartsWith(revision, StringComparison.OrdinalIgnoreCase);
}
