using Countersign.Core.Diagnostics;
using Countersign.Core.Policy;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// Whether a push that sets a policy up on a branch without one may be accepted (<see cref="PolicyBootstrap.Decide"/>),
/// and why: <see cref="Reason"/> says which condition decided; <see cref="Errors"/> are the pushed configuration's
/// errors, <see cref="OtherFiles"/> what the push changes besides trusted configuration, <see cref="Policy"/> the
/// policy accepted.
/// </summary>
public sealed record BootstrapVerdict(BootstrapReason Reason, CompiledPolicy? Policy, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<string> OtherFiles)
{
    public bool Accepted => Reason == BootstrapReason.Accepted;
}
