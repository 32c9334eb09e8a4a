namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// A policy file with everything it extends merged in: rules in order with their locks, freezes, and the last
/// break-glass and protected branches set. <see cref="Complete"/> is false when some file in the stack had errors,
/// so later "no such rule" complaints would only be echoes of them.
/// </summary>
internal sealed class MergedPolicy
{
    public List<LayerRule> Rules { get; } = [];

    public List<FreezeWindow> Freezes { get; } = [];

    public BreakGlassPolicy? BreakGlass { get; set; }

    public IReadOnlyList<PolicyGlob>? ProtectedBranches { get; set; }

    public bool Complete { get; set; } = true;
}
