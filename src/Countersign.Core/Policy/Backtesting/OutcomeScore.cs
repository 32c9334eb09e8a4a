namespace Countersign.Core.Policy.Backtesting;

/// <summary>
/// How well the changes a policy flags match the changes later history marked bad, next to a baseline that flags the
/// same number of changes by most lines added (ties broken at random, so the baseline's counts are expectations).
/// Ratios are 0–1 and null when undefined (no bad change, nothing flagged, no line added).
/// </summary>
/// <param name="Changes">Changes in this population.</param>
/// <param name="Bad">Changes later reverted or fixed.</param>
/// <param name="Flagged">Changes the policy would have asked sign-off for.</param>
/// <param name="FlaggedBad">Bad changes among the flagged: the bad changes the policy would have caught.</param>
/// <param name="Recall">FlaggedBad / Bad.</param>
/// <param name="Precision">FlaggedBad / Flagged.</param>
/// <param name="BaselineFlaggedBad">Expected bad changes among the <paramref name="Flagged"/> changes with most lines added.</param>
/// <param name="BaselineRecall">BaselineFlaggedBad / Bad.</param>
/// <param name="BaselinePrecision">BaselineFlaggedBad / Flagged.</param>
/// <param name="FlaggedLinesShare">Share of all added lines in the policy's flagged changes: the review effort.</param>
/// <param name="BaselineLinesShare">The same for the baseline's flagged changes.</param>
/// <param name="Comparison"><c>beats</c>, <c>ties</c> or <c>trails</c> the baseline (more, as many or fewer bad changes caught); <c>undefined</c> with no bad or no flagged change.</param>
public sealed record OutcomeScore(
    int Changes,
    int Bad,
    int Flagged,
    int FlaggedBad,
    double? Recall,
    double? Precision,
    double BaselineFlaggedBad,
    double? BaselineRecall,
    double? BaselinePrecision,
    double? FlaggedLinesShare,
    double? BaselineLinesShare,
    string Comparison);
