namespace Countersign.Core.Policy.Backtesting;

/// <summary>How often a rule applied over the replayed changes, and as a share of them (0–1).</summary>
public sealed record RuleUsage(string Name, RuleMode Mode, int Applied, double Share);
