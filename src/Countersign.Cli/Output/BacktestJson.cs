using Countersign.Engine.Backtesting;
using Countersign.Core.Policy.Backtesting;

namespace Countersign.Cli.Output;

/// <summary>The <c>backtest --json</c> document (schema in docs/cli.md): the run, every number of the report, one row per change.</summary>
internal static class BacktestJson
{
    public static object From(BacktestRun run, BacktestReport report, IReadOnlyList<BacktestChange> changes) => new
    {
        revision = run.Revision,
        tip = run.Tip,
        targetBranch = run.TargetBranch,
        policy = run.Policy,
        trustedRevision = run.TrustedRevision,
        since = run.Since,
        window = run.Window,
        limit = run.Limit,
        horizon = report.Horizon,
        elapsedSeconds = Math.Round(run.Elapsed.TotalSeconds, 3),
        replayed = report.Changes,
        merges = report.Merges,
        needsSignOff = report.NeedsSignOff,
        needsSignOffShare = report.NeedsSignOffShare,
        needsEnforcedSignOff = report.NeedsEnforcedSignOff,
        frozen = report.Frozen,
        unsatisfiable = report.Unsatisfiable,
        rules = report.Rules,
        load = report.Load,
        outcomes = new
        {
            all = report.All,
            settled = report.Settled,
            recent = report.Recent,
            settleDays = report.SettleDays,
        },
        changes = changes.Select(c => new
        {
            sha = c.Sha,
            kind = c.IsMerge ? "merge" : "commit",
            landedAt = c.LandedAt,
            subject = c.Subject,
            linesAdded = c.LinesAdded,
            needsSignOff = c.NeedsSignOff,
            frozen = c.Frozen,
            bad = c.Bad,
            appliedRules = c.AppliedRules.Select(r => new
            {
                name = r.Name,
                mode = r.Mode,
                needed = r.Needed,
                candidates = r.Candidates.Select(p => p.PersonId),
            }),
            badBecause = c.BadBecause,
        }),
    };
}
