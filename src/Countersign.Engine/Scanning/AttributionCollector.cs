using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.Provenance.Lines;
using Countersign.Git;

namespace Countersign.Engine.Scanning;

/// <summary>
/// Gathers line-level provenance for the commits of one scan: git-ai notes (<c>refs/notes/ai</c>) and Agent Trace
/// records, from <c>.agent-trace/traces.jsonl</c> in the repository and from files given on the command line.
/// </summary>
/// <remarks>
/// Trace records are assigned to commits before the history is streamed, so that the main pass stays a single
/// pass. In-repository records are owned by the commit that appended them (see <see cref="AgentTraceIndex"/>);
/// the pre-pass runs only when a tip of the selection has the traces file, and reads blobs only for commits
/// that changed it. A record from an external file names the revision that was checked out while the agent
/// worked (the reference implementation records <c>git rev-parse HEAD</c>), so it is owned by the first scanned
/// child of that revision, or by the revision itself when no scanned commit descends from it.
/// </remarks>
public sealed class AttributionCollector
{
    public const string NotesRef = "refs/notes/ai";
    public const string TracesPath = ".agent-trace/traces.jsonl";

    private readonly IReadOnlyDictionary<string, string> notes;
    private readonly AgentTraceIndex? traces;
    private readonly List<Diagnostic> setupDiagnostics = [];

    public AttributionCollector(GitRepository repository, RevisionSelection selection, IReadOnlyList<string> todo, IReadOnlyList<string> externalTracePaths)
    {
        notes = repository.ReadNotes(NotesRef);
        var tips = repository.ResolveTips(selection);
        var inRepository = tips.Count > 0 && repository.ObjectsExist(tips.Select(t => $"{t}:{TracesPath}")).Any(e => e);
        if (!inRepository && externalTracePaths.Count == 0)
        {
            return;
        }

        var index = new AgentTraceIndex();
        var inScan = todo.ToHashSet(StringComparer.Ordinal);
        if (inRepository)
        {
            using var blobs = new GitBlobReader(repository.Path);
            foreach (var (sha, parents) in repository.CommitsTouching(selection, TracesPath))
            {
                if (!inScan.Contains(sha) || blobs.TryRead($"{sha}:{TracesPath}") is not { } child)
                {
                    continue;
                }

                var parent = parents.Count == 0 ? null : blobs.TryRead($"{parents[0]}:{TracesPath}");
                var parsed = AgentTraceIndex.NewRecords(
                    parent is null ? null : GitProcessText(parent), GitProcessText(child), $"{sha[..12]}:{TracesPath}");
                setupDiagnostics.AddRange(parsed.Diagnostics);
                index.AddCommit(sha, parents, parsed.Records);
            }
        }

        if (externalTracePaths.Count > 0)
        {
            AddExternal(repository, index, todo, externalTracePaths);
        }

        foreach (var sha in todo)
        {
            index.AddCommit(sha, [], []);
        }

        traces = index;
    }

    /// <summary>Diagnostics from reading trace files that belong to no single commit (reported once, on the first commit).</summary>
    public IReadOnlyList<Diagnostic> TakeSetupDiagnostics()
    {
        var copy = setupDiagnostics.ToList();
        setupDiagnostics.Clear();
        return copy;
    }

    public LineAttributionResult Attribute(CommitRecord commit)
    {
        GitAiNote? note = null;
        var diagnostics = new List<Diagnostic>();
        if (notes.TryGetValue(commit.Sha, out var text))
        {
            var parsed = GitAiNoteParser.Parse(text, $"{NotesRef}:{commit.Sha[..12]}");
            note = parsed.Note;
            diagnostics.AddRange(parsed.Diagnostics);
        }

        var records = traces?.ForCommit(commit.Sha) ?? [];
        if (note is null && records.Count == 0)
        {
            return diagnostics.Count == 0 ? LineAttributionResult.None : LineAttributionResult.None with { Diagnostics = diagnostics };
        }

        var result = LineAttributionBuilder.Build(commit.Files, note, records, commit.Sha[..12]);
        return diagnostics.Count == 0 ? result : result with { Diagnostics = [.. diagnostics, .. result.Diagnostics] };
    }

    private void AddExternal(GitRepository repository, AgentTraceIndex index, IReadOnlyList<string> todo, IReadOnlyList<string> paths)
    {
        var parents = repository.Parents(todo);
        var firstChild = new Dictionary<string, string>(StringComparer.Ordinal);
        var byPrefix = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sha in todo)
        {
            byPrefix.TryAdd(sha[..7], sha);
            foreach (var parent in parents.GetValueOrDefault(sha) ?? [])
            {
                firstChild.TryAdd(parent, sha);
            }
        }

        foreach (var file in ExpandTraceFiles(paths))
        {
            var content = File.ReadAllText(file);
            var parsed = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? AgentTraceParser.ParseJson(content, file)
                : AgentTraceParser.ParseJsonLines(content, file);
            setupDiagnostics.AddRange(parsed.Diagnostics);
            foreach (var record in parsed.Records)
            {
                var revision = record.Revision;
                var named = revision is { Length: >= 7 } && byPrefix.TryGetValue(revision[..7], out var full) && full.StartsWith(revision, StringComparison.OrdinalIgnoreCase) ? full : revision;
                if (named is null)
                {
                    setupDiagnostics.Add(Diagnostic.Warning(file, $"Agent Trace record '{record.Id}' has no vcs.revision; it cannot be tied to a commit", field: "vcs.revision"));
                    continue;
                }

                if (firstChild.TryGetValue(named, out var child))
                {
                    index.AddCommit(child, [named], [record]);
                }
                else if (byPrefix.ContainsKey(named[..Math.Min(7, named.Length)]))
                {
                    index.AddCommit(named, [], [record]);
                }
            }
        }
    }

    private static IEnumerable<string> ExpandTraceFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    {
                        yield return file;
                    }
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static string GitProcessText(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
