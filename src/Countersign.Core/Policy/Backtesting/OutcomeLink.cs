namespace Countersign.Core.Policy.Backtesting;

/// <summary>Why a change is labelled bad: commit <see cref="By"/> reverted or fixed <see cref="Commit"/>, one of the change's commits.</summary>
public sealed record OutcomeLink(OutcomeKind Kind, string Commit, string By);
