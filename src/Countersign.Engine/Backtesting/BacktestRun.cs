namespace Countersign.Engine.Backtesting;

/// <summary>What was replayed and how long it took, for the report's header.</summary>
/// <param name="Revision">--rev as given.</param>
/// <param name="Tip">The commit it resolved to.</param>
/// <param name="TargetBranch">The branch name rules' target_branch saw, when --rev names a branch.</param>
/// <param name="Policy">Where the policy came from (file or revision:path).</param>
/// <param name="RuleCount">Rules in the policy.</param>
/// <param name="TrustedRevision">The commit the organisation directory, CODEOWNERS and catalog were read from.</param>
/// <param name="Since">--since as a date, when given (an age counted back from the tip's commit date).</param>
/// <param name="Limit">--limit, when given.</param>
/// <param name="Elapsed">Time spent building and evaluating the changes.</param>
public sealed record BacktestRun(
    string Revision,
    string Tip,
    string? TargetBranch,
    string Policy,
    int RuleCount,
    string TrustedRevision,
    DateTimeOffset? Since,
    int? Limit,
    TimeSpan Elapsed)
{
    /// <summary>--since in words with its absolute dates and what an age counted back from; null without --since.</summary>
    public string? Window { get; init; }
}
