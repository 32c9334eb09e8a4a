using Countersign.Core.BlastRadius;
using Countersign.Core.History;
using Countersign.Git;

namespace Countersign.Engine.Ownership;

/// <summary>
/// How far a diff can reach (<c>countersign impact</c>): the files from <see cref="Base"/> to <see cref="Head"/>, the
/// ownership at the head, the blast radius computed over them, and the changed files nobody owns.
/// </summary>
public sealed record ChangeImpact(
    string Base,
    string Head,
    IReadOnlyList<FileChange> Files,
    RepositoryOwnership Ownership,
    BlastRadiusResult BlastRadius,
    IReadOnlyList<string> OwnedByNoOne)
{
    /// <summary>Measures the diff <paramref name="baseRevision"/>..<paramref name="headRevision"/> against the ownership at its head.</summary>
    /// <exception cref="GitCommandException">A revision is unknown (bad input), or git failed.</exception>
    public static ChangeImpact Measure(GitRepository repository, string baseRevision, string headRevision)
    {
        var files = repository.DiffFiles(baseRevision, headRevision);
        var ownership = RepositoryOwnership.Load(repository, headRevision);
        var result = new BlastRadiusCalculator().Compute(files, ownership.Graph, ownership.CodeownersOf);
        return new ChangeImpact(baseRevision, headRevision, files, ownership, result, ownership.OwnedByNoOne(files.Select(f => f.Path)));
    }
}
