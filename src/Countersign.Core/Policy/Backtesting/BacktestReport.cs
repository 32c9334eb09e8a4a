namespace Countersign.Core.Policy.Backtesting;

/// <summary>
/// What replaying a policy over a history shows: how many changes it would have stopped for sign-off, by rule; who
/// would have carried the reviews; and how the flagged changes match the ones later reverted or fixed — over all
/// changes, and over the changes old enough at <see cref="Horizon"/> for their labels to be settled.
/// </summary>
/// <param name="Changes">Changes replayed.</param>
/// <param name="Merges">Of which merge commits (the rest are squashes and direct pushes).</param>
/// <param name="NeedsSignOff">Changes some rule (either mode) applied to.</param>
/// <param name="NeedsEnforcedSignOff">Changes some enforced rule applied to: what would have been blocked.</param>
/// <param name="Frozen">Changes that landed while a freeze window was in force.</param>
/// <param name="Unsatisfiable">Changes with an applying rule fewer people could sign off than it needs.</param>
/// <param name="Rules">Every rule of the policy, in order.</param>
/// <param name="Load">Every eligible person, heaviest expected load first.</param>
/// <param name="All">Outcomes over every replayed change.</param>
/// <param name="Settled">Outcomes over the changes that landed at least <paramref name="SettleDays"/> days before <paramref name="Horizon"/>.</param>
/// <param name="Recent">Changes younger than that: they had less time to be reverted or fixed.</param>
/// <param name="Horizon">The tip's committer date: the latest moment later history can speak for.</param>
/// <param name="SettleDays">Days a change needs before its label counts as settled.</param>
public sealed record BacktestReport(
    int Changes,
    int Merges,
    int NeedsSignOff,
    int NeedsEnforcedSignOff,
    int Frozen,
    int Unsatisfiable,
    IReadOnlyList<RuleUsage> Rules,
    IReadOnlyList<PersonLoad> Load,
    OutcomeScore All,
    OutcomeScore Settled,
    int Recent,
    DateTimeOffset Horizon,
    int SettleDays)
{
    public double? NeedsSignOffShare => Changes == 0 ? null : Math.Round((double)NeedsSignOff / Changes, 4);
}
