using Countersign.Core.Diagnostics;

namespace Countersign.Core.Policy.Compilation;

/// <summary>The compile stage's output: the policy (null when there were errors) and every diagnostic, warnings included.</summary>
public sealed record PolicyCompileResult(CompiledPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public static PolicyCompileResult Failed(Diagnostic diagnostic) => new(null, [diagnostic]);
}
