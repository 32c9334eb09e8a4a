using System.CommandLine;
using System.Text.Json;
using Countersign.Cli.Output;
using Countersign.Engine.Scanning;
using Countersign.Core.Provenance;
using Countersign.Core.Reporting;
using Countersign.Core.Text;
using Countersign.Git;
using Countersign.Storage;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary><c>countersign scan [PATH]</c>: classify every commit of a history and report the AI share.</summary>
internal static class ScanCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Description = "Repository to scan (normal, bare, shallow or partial clone)", DefaultValueFactory = _ => "." };
        var revisions = new Option<string[]>("--rev", "-r") { Description = "Revision or range to scan (repeatable), e.g. main or v1.0..HEAD; default HEAD", AllowMultipleArgumentsPerToken = false };
        var all = new Option<bool>("--all") { Description = "Scan the history of all refs (branches, tags, remotes)" };
        var since = new Option<string?>("--since") { Description = "Only commits newer than a date (2026-01-31) or an age (90d, 12w, 6m, 1y)" };
        var db = new Option<string?>("--db") { Description = "SQLite database file (default: <git-dir>/countersign/countersign.db)" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON instead of tables" };
        var commitsOut = new Option<string?>("--commits-out") { Description = "Write one JSON object per commit (JSON Lines) to this file" };
        var traces = new Option<string[]>("--agent-trace") { Description = "Agent Trace file (.jsonl/.json) or folder to read besides .agent-trace/traces.jsonl (repeatable)" };
        var signatures = new Option<string?>("--signatures") { Description = "Extra tool signatures (YAML, same schema as the shipped file); .countersign/signatures.yaml is read automatically" };
        var rescan = new Option<bool>("--rescan") { Description = "Forget earlier results for this repository and scan everything again" };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not draw a progress bar" };
        var noWait = new Option<bool>("--no-wait") { Description = "Fail at once when another countersign process is writing to the database, instead of waiting for it" };

        var command = new Command("scan", "Classify every commit as AI-assisted or not, with evidence, and store per-commit facts")
        {
            path, revisions, all, since, db, json, commitsOut, traces, signatures, rescan, noProgress, noWait,
        };
        command.SetAction(parse => Run(context, new ScanRequest(
            parse.GetValue(path) ?? ".",
            parse.GetValue(revisions) ?? [],
            parse.GetValue(all),
            parse.GetValue(since),
            parse.GetValue(db),
            parse.GetValue(json),
            parse.GetValue(commitsOut),
            parse.GetValue(traces) ?? [],
            parse.GetValue(signatures),
            parse.GetValue(rescan),
            parse.GetValue(noProgress)) { NoWait = parse.GetValue(noWait) }));
        return command;
    }

    internal sealed record ScanRequest(
        string Path,
        IReadOnlyList<string> Revisions,
        bool All,
        string? Since,
        string? Database,
        bool Json,
        string? CommitsOut,
        IReadOnlyList<string> AgentTraces,
        string? Signatures,
        bool Rescan,
        bool NoProgress)
    {
        public bool NoWait { get; init; }
    }

    internal static int Run(CliContext context, ScanRequest request)
    {
        SinceValue? sinceValue = null;
        if (request.Since is { } text && !SinceParser.TryParse(text, out sinceValue, out var sinceError))
        {
            return context.Fail(ExitCodes.UsageOrConfig, sinceError);
        }

        // Checked before the scan: a mistake here must not cost the whole scan.
        var commitsOut = request.CommitsOut is null ? null : OutputPath.RequireWritable("--commits-out", request.CommitsOut, context.WorkingDirectory);

        foreach (var trace in request.AgentTraces)
        {
            var full = Path.GetFullPath(trace, context.WorkingDirectory);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                return context.Fail(ExitCodes.UsageOrConfig, $"--agent-trace {full}: no such file or folder");
            }
        }

        try
        {
            var repository = GitRepository.Open(Path.GetFullPath(request.Path, context.WorkingDirectory));
            var catalog = SignatureLoader.Load(repository, request.Signatures is null ? null : Path.GetFullPath(request.Signatures, context.WorkingDirectory), out var signatureErrors);
            if (catalog is null)
            {
                foreach (var error in signatureErrors)
                {
                    context.Note($"{UntrustedText.ForTerminal(error.ToString(), CliContext.MaxLineLength)}");
                }

                return ExitCodes.UsageOrConfig;
            }

            var selection = new RevisionSelection(request.Revisions.Count == 0 && !request.All ? ["HEAD"] : request.Revisions, request.All);
            string? window = null;
            if (sinceValue is not null)
            {
                // An age counts back from the newest commit selected, so an old history still has a "last 3 months".
                var newest = sinceValue.Date is null ? repository.NewestCommitTime(selection) : null;
                var since = sinceValue.Resolve(newest ?? context.Time.GetUtcNow());
                selection = selection with { Since = since };
                window = sinceValue.Describe(since, newest);
            }

            var dbPath = DatabasePath(context, repository, request.Database);
            using var store = LocalStore.Open(context, dbPath, forScan: true, request.NoWait);
            var scanner = new HistoryScanner(new Lazy<ProvenanceClassifier>(() => new ProvenanceClassifier(catalog.Value)), context.Time);
            var options = new ScanOptions(selection, request.AgentTraces.Select(t => Path.GetFullPath(t, context.WorkingDirectory)).ToList(), request.Rescan);
            var outcome = context.Interactive && !request.Json && !request.NoProgress
                ? new SpectreScanProgress(context.Console).Run(progress => scanner.Scan(repository, store, options, progress))
                : scanner.Scan(repository, store, options, SilentScanProgress.Instance);

            var summary = ScanReport.Summarize(repository, store, selection, outcome)
                with { Timing = new ScanTiming(Math.Round(outcome.Elapsed.TotalSeconds, 3), Math.Round(outcome.CommitsPerSecond)) };

            if (commitsOut is not null)
            {
                var wanted = (outcome.Selected ?? repository.ListCommits(selection)).ToHashSet(StringComparer.Ordinal);
                try
                {
                    CommitsJsonLinesWriter.Write(commitsOut, store.ReadCommits(outcome.RepositoryId).Where(c => wanted.Contains(c.Sha)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return context.Fail(ExitCodes.UsageOrConfig, $"--commits-out {commitsOut}: cannot be written: {e.Message}");
                }
            }

            if (request.Json)
            {
                context.Stdout.WriteLine(JsonSerializer.Serialize(summary, CliJson.IndentedScan));
            }
            else
            {
                ScanReportRenderer.Render(context.Console, summary);
                if (window is not null)
                {
                    context.Line($"[grey]Commits {UntrustedMarkup.Escape(window)}[/]");
                }

                context.Console.MarkupLine($"[grey]Database: {UntrustedMarkup.Escape(store.Path, CliContext.MaxLineLength)}[/]");
            }

            return ExitCodes.Success;
        }
        catch (GitCommandException e)
        {
            return context.Fail(e.IsBadInput ? ExitCodes.UsageOrConfig : ExitCodes.Infrastructure, e.Message);
        }
        catch (StorageException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }
        catch (IOException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }
    }

    /// <summary>The default database lives inside the git directory: per repository, never committed, no set-up.</summary>
    internal static string DefaultDatabasePath(GitRepository repository) =>
        Path.Combine(repository.GitDirectory, "countersign", "countersign.db");

    /// <summary>The database a <c>--db</c> option names (relative to the working directory), or the default one.</summary>
    internal static string DatabasePath(CliContext context, GitRepository repository, string? option) =>
        option is null ? DefaultDatabasePath(repository) : OutputPath.Require("--db", option, context.WorkingDirectory);
}
