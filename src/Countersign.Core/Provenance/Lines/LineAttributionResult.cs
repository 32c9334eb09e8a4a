using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// Line-level attribution of one commit. <see cref="Lines"/> is null when the commit has neither a git-ai note
/// nor an Agent Trace record; <see cref="Evidence"/> then is empty as well.
/// </summary>
public sealed record LineAttributionResult(
    Provenance.LineAttribution? Lines,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public static readonly LineAttributionResult None = new(null, [], []);
}
