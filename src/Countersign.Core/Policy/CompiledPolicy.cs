namespace Countersign.Core.Policy;

/// <summary>
/// A policy ready to evaluate many times: rules in order, freezes, break-glass, and the branches the git hook
/// protects. Produced by the compiler from one file (and the files it extends); immutable and thread-safe.
/// </summary>
public sealed record CompiledPolicy(
    string Source,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<FreezeWindow> Freezes,
    BreakGlassPolicy? BreakGlass,
    IReadOnlyList<PolicyGlob> ProtectedBranches)
{
    /// <summary>True when a push to <paramref name="branch"/> (without <c>refs/heads/</c>) must satisfy the policy.</summary>
    public bool Protects(string branch) => ProtectedBranches.Any(g => g.IsMatch(branch));
}
