using Countersign.Engine.Enforcement;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Countersign.Engine.Backtesting;
using Countersign.Engine.Changes;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Core.Diagnostics;
using Countersign.Core.History;
using Countersign.Core.Policy.Backtesting;
using Countersign.Git;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign backtest</c>: replays a policy over every change that landed on a branch and reports what switching
/// it to enforce would have cost (changes stopped, reviews per person) and bought (bad changes caught, next to a
/// lines-added baseline). Exit 0, 2 for bad input or an invalid policy, 3 when git fails.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var repo = new Option<string>("--repo") { Description = "Repository (default: .)", DefaultValueFactory = _ => "." };
        var rev = new Option<string>("--rev") { Description = "The branch whose first-parent history is replayed (default: HEAD)", DefaultValueFactory = _ => "HEAD" };
        var since = new Option<string?>("--since") { Description = "Only changes that landed after a date (2026-01-31) or an age (90d, 12w, 6m, 1y)" };
        var policy = new Option<string?>("--policy") { Description = "Policy file to replay instead of .countersign/policy.yaml committed at --rev" };
        var limit = NumberOption.Create("--limit", "Only the newest N changes", minimum: 1);
        var json = new Option<bool>("--json") { Description = "Print the numbers and one row per change as JSON" };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not draw a progress bar" };
        var command = new Command("backtest", "Replay a policy over a branch's history: sign-offs it would have asked for, reviewer load, bad changes caught")
        {
            repo, rev, since, policy, limit, json, noProgress,
        };
        command.SetAction(parse => Run(context, new BacktestRequest(
            parse.GetValue(repo)!,
            parse.GetValue(rev)!,
            parse.GetValue(since),
            parse.GetValue(policy),
            parse.GetValue(limit),
            parse.GetValue(json),
            parse.GetValue(noProgress))));
        return command;
    }

    internal sealed record BacktestRequest(string Repo, string Rev, string? Since, string? Policy, int? Limit, bool Json, bool NoProgress);

    internal static int Run(CliContext context, BacktestRequest request)
    {
        SinceValue? sinceValue = null;
        if (request.Since is { } text && !SinceParser.TryParse(text, out sinceValue, out var sinceError))
        {
            return context.Fail(ExitCodes.UsageOrConfig, sinceError);
        }

        if (request.Limit is <= 0)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"--limit {request.Limit}: expected a positive number of changes");
        }

        try
        {
            var repository = GitRepository.Open(Path.GetFullPath(request.Repo, context.WorkingDirectory));
            var tip = repository.ResolveCommit(request.Rev);

            // Today's directory and ownership for every change: who was junior or owned what back then is not recorded.
            var trusted = TrustedConfiguration.Load(repository, tip);
            var compiled = PolicyFile.Load(repository, request.Rev, request.Policy, trusted.Directory, context.WorkingDirectory);
            var diagnostics = trusted.Diagnostics.Concat(compiled.Diagnostics).ToList();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0 || compiled.Policy is null)
            {
                return ConfigurationRefusal.Fail(context, errors, "nothing was replayed");
            }

            diagnostics.ForEach(w => context.Note($"{w}"));
            // The newest change replayed: ages in --since count back from it, and outcomes are judged up to it.
            var horizon = new GitLogReader(repository).Read([tip]).Single().Committer.When;
            var since = sinceValue?.Resolve(horizon);
            var window = sinceValue is null || since is null ? null : sinceValue.Describe(since.Value, sinceValue.Date is null ? horizon : null);
            var replay = new HistoryReplay(repository, trusted, compiled.Policy);
            var landed = replay.Landed(tip, since, request.Limit);
            var target = ChangeSession.TargetName(repository, request.Rev);
            var stopwatch = Stopwatch.StartNew();
            var changes = context.Interactive && !request.Json && !request.NoProgress
                ? ReplayWithProgress(context.Console, replay, landed, target)
                : landed.Select(l => replay.Replay(l, target)).ToList();
            var elapsed = stopwatch.Elapsed;
            var labelled = OutcomeLabeler.Label(changes, replay.LaterCommits(tip));
            var report = BacktestAnalyzer.Analyze(compiled.Policy, labelled, horizon);
            var run = new BacktestRun(request.Rev, tip, target, compiled.Policy.Source, compiled.Policy.Rules.Count, trusted.Revision, since, request.Limit, elapsed) { Window = window };
            if (request.Json)
            {
                context.Stdout.WriteLine(JsonSerializer.Serialize(BacktestJson.From(run, report, labelled), CliJson.Indented));
            }
            else
            {
                BacktestRenderer.Render(context.Console, run, report);
            }

            return ExitCodes.Success;
        }
        catch (GitCommandException e)
        {
            return context.Fail(e.IsBadInput ? ExitCodes.UsageOrConfig : ExitCodes.Infrastructure, e.Message);
        }
        catch (IOException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }
    }

    private static List<BacktestChange> ReplayWithProgress(IAnsiConsole console, HistoryReplay replay, IReadOnlyList<CommitRecord> landed, string? target) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask($"Replaying {landed.Count:N0} changes", maxValue: Math.Max(1, landed.Count));
                var changes = new List<BacktestChange>(landed.Count);
                foreach (var commit in landed)
                {
                    changes.Add(replay.Replay(commit, target));
                    task.Increment(1);
                }

                return changes;
            });
}
