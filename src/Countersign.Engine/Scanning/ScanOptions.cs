using Countersign.Git;

namespace Countersign.Engine.Scanning;

/// <summary>What to scan and where to find extra provenance (Agent Trace files outside the repository).</summary>
public sealed record ScanOptions(RevisionSelection Selection, IReadOnlyList<string> AgentTracePaths, bool Rescan = false)
{
    /// <summary>
    /// Only a plain selection (refs, no ranges, no date cut) covers everything reachable from its tips,
    /// so only then may the tips be remembered to skip that history next time.
    /// </summary>
    public bool CoversAllReachable =>
        Selection.Since is null && Selection.Revisions.All(r => !r.Contains("..", StringComparison.Ordinal) && !r.StartsWith('^'));
}
