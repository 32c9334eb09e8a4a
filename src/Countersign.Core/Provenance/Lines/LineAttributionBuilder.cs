using Countersign.Core.Diagnostics;
using Countersign.Core.History;

namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// Combines a commit's git-ai note and the Agent Trace records that apply to it into per-file line counts and evidence.
/// Counting contract, per file:
/// <list type="bullet">
/// <item>AI lines = distinct line numbers claimed by an AI key or an <c>ai</c>/<c>mixed</c> contributor
/// (mixed counts as AI: some of each such line came from the model).</item>
/// <item>Human lines = distinct lines claimed by a known-human key or <c>human</c> contributor and not by AI (AI wins).</item>
/// <item>Unknown lines = max(0, Added − AI − human); <c>unknown</c> contributors claim nothing.</item>
/// <item>When the ranges cover more lines than the file's known Added count (Agent Trace ranges can cover unchanged
/// lines), AI is clipped to Added first, then human; one warning is reported per commit.</item>
/// <item>Files named by the note or traces but absent from the commit's file list are still reported, with unknown = 0.
/// Commit files without claims are reported (all unknown) when they added lines.</item>
/// </list>
/// Evidence: per source kind, one item per distinct tool id with AI lines (<see cref="NoteConfidence"/> for notes,
/// <see cref="TraceConfidence"/> for traces, implying <see cref="ProvenanceStatus.Ai"/>); a source with human lines
/// and no AI lines gives one <see cref="ProvenanceStatus.HumanDeclared"/> item with a null tool.
/// </summary>
public static class LineAttributionBuilder
{
    public const double NoteConfidence = 0.95;
    public const double TraceConfidence = 0.9;
    public const string GitAiSource = "git-ai";
    public const string AgentTraceSource = "agent-trace";

    public static LineAttributionResult Build(
        IReadOnlyList<FileChange> files, GitAiNote? note, IReadOnlyList<AgentTraceRecord> traces, string source)
    {
        if (note is null && traces.Count == 0)
        {
            return LineAttributionResult.None;
        }

        var claims = new List<LineClaim>();
        if (note is not null)
        {
            claims.AddRange(NoteClaims(note));
        }

        var tracePaths = traces.SelectMany(t => t.Files).Select(f => NormalizePath(f.Path));
        claims.AddRange(traces.SelectMany(TraceClaims));

        var changes = new Dictionary<string, FileChange>(StringComparer.Ordinal);
        foreach (var change in files)
        {
            changes.TryAdd(NormalizePath(change.Path), change);
        }

        var byPath = claims.ToLookup(c => c.Path, StringComparer.Ordinal);
        var paths = files.Select(f => NormalizePath(f.Path))
            .Concat(note?.Files.Select(f => NormalizePath(f.Path)) ?? [])
            .Concat(tracePaths)
            .Distinct(StringComparer.Ordinal);

        var diagnostics = new List<Diagnostic>();
        var results = new List<FileLineAttribution>();
        var clipped = new List<string>();
        long total = 0;
        foreach (var path in paths)
        {
            var added = changes.GetValueOrDefault(path)?.Added;
            var fileClaims = byPath[path].ToList();
            if (fileClaims.Count == 0 && changes.ContainsKey(path) && added is null or 0)
            {
                continue;
            }

            var file = Count(path, fileClaims, added, clipped);
            total += file.TotalLines;
            if (total > int.MaxValue)
            {
                diagnostics.Add(Diagnostic.Error(source, $"line counts overflow at '{path}'; the remaining files are not counted"));
                break;
            }

            results.Add(file);
        }

        if (clipped.Count > 0)
        {
            diagnostics.Add(Diagnostic.Warning(source,
                $"attributed lines exceed the lines added in {clipped.Count} file(s), first '{clipped[0]}'; counts were clipped to the added lines"));
        }

        var sources = new List<string>();
        if (note is not null)
        {
            sources.Add(GitAiSource);
        }

        if (traces.Count > 0)
        {
            sources.Add(AgentTraceSource);
        }

        var evidence = LineEvidence.From(claims, path => changes.GetValueOrDefault(path)?.Added);
        return new LineAttributionResult(new Provenance.LineAttribution(results, sources), evidence, diagnostics);
    }

    internal static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.TrimStart('/');
    }

    private static FileLineAttribution Count(string path, List<LineClaim> claims, int? added, List<string> clipped)
    {
        var ai = LineRangeSet.Merge(claims.Where(c => c.IsAi).Select(c => c.Range));
        var human = LineRangeSet.Merge(claims.Where(c => !c.IsAi).Select(c => c.Range));
        var aiLines = LineRangeSet.Count(ai);
        var humanLines = LineRangeSet.Count(human) - LineRangeSet.IntersectionCount(human, ai);
        var unknown = 0;
        if (added is { } limit)
        {
            if (aiLines + humanLines > limit)
            {
                clipped.Add(path);
                aiLines = Math.Min(aiLines, limit);
                humanLines = Math.Min(humanLines, limit - aiLines);
            }

            unknown = limit - aiLines - humanLines;
        }

        var tools = claims.Where(c => c.IsAi).Select(c => c.Tool ?? ToolNames.OtherAi)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new FileLineAttribution(path, aiLines, humanLines, unknown, tools);
    }

    private static IEnumerable<LineClaim> NoteClaims(GitAiNote note)
    {
        foreach (var file in note.Files)
        {
            var path = NormalizePath(file.Path);
            foreach (var entry in file.Entries)
            {
                var agent = note.ResolveAgent(entry);
                var tool = entry.IsAi ? ToolNames.Normalize(agent?.Tool, agent?.Model) ?? ToolNames.OtherAi : null;
                foreach (var range in entry.Ranges)
                {
                    yield return new LineClaim(path, range, entry.IsAi, EvidenceKind.Note, tool, agent?.Tool, agent?.Model);
                }
            }
        }
    }

    private static IEnumerable<LineClaim> TraceClaims(AgentTraceRecord record)
    {
        foreach (var file in record.Files)
        {
            var path = NormalizePath(file.Path);
            foreach (var conversation in file.Conversations)
            {
                foreach (var range in conversation.Ranges)
                {
                    var contributor = conversation.ContributorOf(range);
                    if (contributor.Type == AgentTraceContributorType.Unknown)
                    {
                        continue;
                    }

                    var tool = contributor.IsAi ? ToolNames.Normalize(record.Tool?.Name, contributor.ModelId) ?? ToolNames.OtherAi : null;
                    yield return new LineClaim(path, range.Lines, contributor.IsAi, EvidenceKind.Trace, tool, record.Tool?.Name, contributor.ModelId);
                }
            }
        }
    }
}
