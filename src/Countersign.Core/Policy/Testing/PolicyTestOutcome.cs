namespace Countersign.Core.Policy.Testing;

/// <summary>One case's outcome: passed, or the differences between what was expected and what the policy said.</summary>
public sealed record PolicyTestOutcome(string Name, string Source, bool Passed, IReadOnlyList<string> Differences);
