namespace Countersign.Core.BlastRadius;

/// <summary>A special scope: glob patterns (gitignore-like, <c>**</c> crosses folders) and the score it adds once.</summary>
public sealed record SpecialScope(SpecialScopeKind Kind, IReadOnlyList<string> Patterns, double Weight);
