using Countersign.Core.History;
using Countersign.Core.History.Jit;

namespace Countersign.Core.Risk;

/// <summary>
/// The size and spread of a diff as the JIT defect-prediction literature measures it (Kamei et al.): lines added,
/// files, directories, subsystems (top-level folders) and how evenly the churn is spread over the files.
/// </summary>
/// <param name="LinesAdded">LA: lines added over all files.</param>
/// <param name="Files">NF: files changed.</param>
/// <param name="Directories">ND: distinct parent folders.</param>
/// <param name="Subsystems">NS: distinct top-level folders (the root counts as one).</param>
/// <param name="NormalisedEntropy">Shannon entropy of the churn over the files divided by its maximum, log2(NF): 0 for one file or all churn in one, 1 for churn spread evenly.</param>
internal sealed record ChangeShape(int LinesAdded, int Files, int Directories, int Subsystems, double NormalisedEntropy)
{
    public static ChangeShape Of(IReadOnlyList<FileChange> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var churn = files.Sum(f => f.ChurnedLines);
        var entropy = JitFeatureCalculator.Entropy(files, churn);
        return new ChangeShape(
            files.Sum(f => f.Added ?? 0),
            files.Count,
            files.Select(f => JitFeatureCalculator.Directory(f.Path)).Distinct(StringComparer.Ordinal).Count(),
            files.Select(f => JitFeatureCalculator.Subsystem(f.Path)).Distinct(StringComparer.Ordinal).Count(),
            files.Count < 2 ? 0 : entropy / Math.Log2(files.Count));
    }
}
