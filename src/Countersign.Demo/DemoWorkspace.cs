using System.Text;
using System.Text.RegularExpressions;

namespace Countersign.Demo;

/// <summary>
/// Builds the demo workspace: a real git repository of the fictional acme-shop monorepo with six months of history
/// by people, bots and seven-plus AI tools (their real markers, git-ai notes, Agent Trace records), reverts, fixes,
/// merges and false-positive traps. One <c>git fast-import</c> process writes every commit, so it takes seconds.
/// </summary>
public static partial class DemoWorkspace
{
    /// <summary>A file inside <c>.git</c> that marks a folder as ours, so re-running the demo may replace it.</summary>
    public const string MarkerFile = "countersign-demo";

    private const string NotesRef = "refs/notes/ai";

    /// <summary>
    /// Creates the workspace in <paramref name="directory"/>: a missing or empty folder, or an earlier demo workspace
    /// (which is replaced). Throws <see cref="DemoWorkspaceException"/> for any other folder, or when git fails.
    /// </summary>
    public static DemoWorkspaceInfo Create(string directory, IProgress<string>? progress = null)
    {
        var path = Path.GetFullPath(directory);
        Prepare(path);
        progress?.Report("Planning six months of acme-shop history");
        var plan = DemoHistoryPlan.Build();

        DemoGit.Run(path, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(path, ".git", MarkerFile), "acme-shop demo workspace created by `countersign demo`; it may be replaced.\n");

        progress?.Report($"Writing {plan.Count} commits with git fast-import");
        var truth = Import(path, plan);

        progress?.Report("Checking out main");
        DemoGit.Run(path, "reset", "-q", "--hard", "main");
        return DemoWorkspaceInfo.From(path, truth);
    }

    private static void Prepare(string path)
    {
        if (File.Exists(path))
        {
            throw new DemoWorkspaceException($"{path} is a file; the demo needs an empty folder (or an earlier demo workspace).");
        }

        if (!Directory.Exists(path) || !Directory.EnumerateFileSystemEntries(path).Any())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!File.Exists(Path.Combine(path, ".git", MarkerFile)))
        {
            throw new DemoWorkspaceException(
                $"{path} is not empty and is not a Countersign demo workspace; choose an empty or new folder (for example --dir ./countersign-demo).");
        }

        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal); // git writes its objects read-only
        }

        Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
    }

    private static List<DemoCommitTruth> Import(string path, IReadOnlyList<DemoCommit> plan)
    {
        using var process = DemoGit.Start(path, ["fast-import", "--quiet", "--done", "--cat-blob-fd=1"], redirectStdin: true);
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = new FastImportWriter(process.StandardInput.BaseStream, process.StandardOutput);
        var shas = new Dictionary<int, string>();
        var truth = new List<DemoCommitTruth>(plan.Count);
        var traces = new StringBuilder();
        try
        {
            foreach (var commit in plan)
            {
                var changes = commit.Changes;
                if (commit.Trace is { } trace)
                {
                    var revision = commit.From is { } parent ? shas[parent] : "";
                    traces.Append(DemoAgentTraces.Render(trace, revision, commit.When.AddMinutes(-4))).Append('\n');
                    changes = [.. changes, new DemoFileChange(DemoAgentTraces.Path, Encoding.UTF8.GetBytes(traces.ToString()))];
                }

                var message = Resolve(commit.Who.Message, shas);
                writer.Commit(commit.Ref, commit.Mark, commit.Who.Author, commit.Who.Committer, commit.When, message, commit.From, commit.MergeFrom, changes);
                var sha = shas[commit.Mark] = writer.Sha(commit.Mark);
                truth.Add(new DemoCommitTruth(sha, message.Split('\n')[0], commit.Kind, commit.Tool, commit.Trap,
                    commit.RefersTo is { } target ? shas[target] : null, commit.Note is not null, commit.Trace is not null));
            }

            var last = plan[^1].When.AddMinutes(5);
            writer.Notes(NotesRef, DemoGit.Identity, last, plan.Where(c => c.Note is not null).Select(c => (c.Mark, DemoNotes.Render(c.Note!, shas[c.Mark]))));
            writer.Done();
            process.StandardInput.Close();
        }
        catch (IOException e)
        {
            process.WaitForExit();
            throw new DemoWorkspaceException($"git fast-import stopped: {stderr.GetAwaiter().GetResult().Trim()} ({e.Message})");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new DemoWorkspaceException($"git fast-import failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult().Trim()}");
        }

        DeleteMergedBranches(path, plan);
        return truth;
    }

    /// <summary>Feature branches are merged and gone, as after a pull request; only main (and the notes) remain.</summary>
    private static void DeleteMergedBranches(string path, IReadOnlyList<DemoCommit> plan)
    {
        var branches = plan.Select(c => c.Ref).Where(r => r != DemoHistoryPlan.Main).Distinct().ToList();
        foreach (var branch in branches)
        {
            DemoGit.Run(path, "update-ref", "-d", branch);
        }
    }

    /// <summary>Replaces <c>{{full:MARK}}</c> and <c>{{short:MARK}}</c> by the full or 12-character sha of that commit.</summary>
    private static string Resolve(string message, IReadOnlyDictionary<int, string> shas) =>
        Token().Replace(message, m =>
        {
            var sha = shas[int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
            return m.Groups[1].Value == "full" ? sha : sha[..12];
        });

    [GeneratedRegex(@"\{\{(full|short):(\d+)\}\}")]
    private static partial Regex Token();
}
