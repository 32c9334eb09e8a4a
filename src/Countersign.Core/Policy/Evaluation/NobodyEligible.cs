namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Why nobody at all can give a missing sign-off — the eligible set is empty, so the rule can never be satisfied as the
/// configuration stands — and what to add to make it possible.
/// </summary>
/// <param name="Reason">"no person at level senior or above in .countersign/org.yaml"; several joined by "; and ".</param>
/// <param name="Fix">What to add, with a minimal example: "Give someone `level: senior` in .countersign/org.yaml."</param>
public sealed record NobodyEligible(string Reason, string Fix);
