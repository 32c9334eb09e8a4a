using Countersign.Core.BlastRadius;
using Countersign.Core.History;

namespace Countersign.Core.Risk;

/// <summary>What a risk model is given about one change.</summary>
public sealed record RiskInputs
{
    /// <summary>The change's files with line counts (binary files count no lines).</summary>
    public required IReadOnlyList<FileChange> Files { get; init; }

    /// <summary>Share of added lines written by AI in [0, 1]; null when nothing was added.</summary>
    public double? AiLineShare { get; init; }

    /// <summary>The change's blast radius; its special scopes count too. Null when it was not computed.</summary>
    public BlastRadiusResult? BlastRadius { get; init; }

    /// <summary>Commits the accountable author made before the change; null when unknown.</summary>
    public int? AuthorPriorCommits { get; init; }

    /// <summary>The change says it fixes something (see <see cref="History.Jit.FixDetector"/>).</summary>
    public bool IsFix { get; init; }
}
