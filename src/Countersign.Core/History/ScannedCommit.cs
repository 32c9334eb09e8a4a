using Countersign.Core.Diagnostics;
using Countersign.Core.History.Jit;
using Countersign.Core.Provenance;

namespace Countersign.Core.History;

/// <summary>Everything a scan learns about one commit: git's facts, provenance, JIT features and any problems reading it.</summary>
public sealed record ScannedCommit(
    CommitRecord Commit,
    CommitProvenance Provenance,
    JitFeatures Features,
    IReadOnlyList<Diagnostic> Diagnostics);
