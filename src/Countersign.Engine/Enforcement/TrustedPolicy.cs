using Countersign.Core.Diagnostics;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Engine.Changes;
using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// What governs a decision: the trusted configuration and the policy, both read from one trusted revision (the
/// branch a change goes into, the revision a deploy ships) with one resolution and one object reader. Every gate —
/// check, sign-offs, the hook, deploy-gate, backtest, the first set-up — loads it here, so all of them refuse the same
/// broken configuration the same way.
/// </summary>
/// <param name="Commit">The full id of the trusted revision.</param>
/// <param name="Trusted">The configuration at the revision.</param>
/// <param name="Compiled">The policy compiled against the configuration's directory, with its diagnostics.</param>
/// <param name="Bundle">The policy as read (text, source, extended files), for a server to compile the same policy; null when none was found.</param>
public sealed record TrustedPolicy(string Commit, TrustedConfiguration Trusted, PolicyCompileResult Compiled, PolicyBundle? Bundle)
{
    /// <summary>Errors in the configuration or the policy: a gate decides nothing while there is one.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; } =
        Trusted.Diagnostics.Concat(Compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>The policy, or null when it is missing or anything has an error.</summary>
    public CompiledPolicy? Policy => Errors.Count == 0 ? Compiled.Policy : null;

    /// <summary>
    /// Reads the configuration at <paramref name="revision"/> and the policy committed there, or the file
    /// <paramref name="explicitPath"/> (relative to <paramref name="workingDirectory"/>) when given.
    /// </summary>
    /// <exception cref="GitCommandException"><paramref name="revision"/> is not a commit (bad input), or git failed.</exception>
    public static TrustedPolicy Load(GitRepository repository, string revision, string? explicitPath, string workingDirectory)
    {
        var commit = repository.ResolveCommit(revision);
        using var blobs = new GitBlobReader(repository.Path);
        var tree = new CommittedTree(commit, revision, blobs);
        var trusted = TrustedConfiguration.Load(repository, tree);
        var (compiled, bundle) = PolicyFile.LoadFromTree(explicitPath is null ? tree : null, revision, explicitPath, trusted.Directory, workingDirectory);
        return new TrustedPolicy(commit, trusted, compiled, bundle);
    }
}
