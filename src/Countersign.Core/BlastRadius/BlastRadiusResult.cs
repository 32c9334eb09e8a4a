namespace Countersign.Core.BlastRadius;

/// <summary>
/// How far a change can reach: the components it touches, everything that depends on them (with the
/// dependency path that reaches each), the special scopes it hits, owners and tiers, a score with its sum
/// spelled out, a class, and the explanation a senior engineer reads.
/// </summary>
public sealed record BlastRadiusResult(
    IReadOnlyList<TouchedComponent> Touched,
    IReadOnlyList<ReachedComponent> Reached,
    IReadOnlyList<ScopeHit> Scopes,
    IReadOnlyList<string> UnmappedPaths,
    IReadOnlyList<string> Owners,
    IReadOnlyList<int> Tiers,
    double Score,
    BlastClass Class,
    IReadOnlyList<string> Explanation);

/// <summary>A component the change touches directly, with the files and lines in it.</summary>
public sealed record TouchedComponent(string Ref, string Name, int? Tier, string? Owner, IReadOnlyList<string> Files, int LinesAdded, int LinesDeleted, double Contribution);

/// <summary>A component reached through dependencies: <see cref="Path"/> runs from it back to a touched component.</summary>
public sealed record ReachedComponent(string Ref, string Name, int? Tier, string? Owner, int Depth, IReadOnlyList<string> Path, IReadOnlyList<string> Via, double Contribution);

/// <summary>A special scope hit by some of the change's files.</summary>
public sealed record ScopeHit(SpecialScopeKind Kind, IReadOnlyList<string> Files, double Contribution);
