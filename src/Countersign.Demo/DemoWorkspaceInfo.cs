namespace Countersign.Demo;

/// <summary>
/// The demo workspace that was built, with its ground truth: how many commits, which of them are AI-assisted and by
/// which tool (Countersign's tool ids), how many are traps, bots, reverts… and the truth for every commit.
/// </summary>
public sealed record DemoWorkspaceInfo(
    string RepositoryPath,
    int Commits,
    IReadOnlyDictionary<string, int> ExpectedAiCommitsByTool,
    int TrapCommits,
    int AiCommits,
    int AiReviewCommits,
    int HumanCommits,
    int DeclaredHumanCommits,
    int BotCommits,
    int RevertCommits,
    int FixCommits,
    int MergeCommits,
    int GitAiNotes,
    int AgentTraceCommits,
    IReadOnlyList<DemoCommitTruth> Truth)
{
    internal static DemoWorkspaceInfo From(string repositoryPath, IReadOnlyList<DemoCommitTruth> truth)
    {
        int Count(DemoCommitKind kind) => truth.Count(t => t.Kind == kind);
        var byTool = truth.Where(t => t.Kind == DemoCommitKind.Ai).GroupBy(t => t.Tool!)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DemoWorkspaceInfo(repositoryPath, truth.Count, byTool, truth.Count(t => t.Trap is not null),
            Count(DemoCommitKind.Ai), Count(DemoCommitKind.AiReview), Count(DemoCommitKind.Human), Count(DemoCommitKind.DeclaredHuman),
            Count(DemoCommitKind.Bot), Count(DemoCommitKind.Revert), Count(DemoCommitKind.Fix), Count(DemoCommitKind.Merge),
            truth.Count(t => t.HasGitAiNote), truth.Count(t => t.HasAgentTrace), truth);
    }

    /// <summary>The share of all commits that are AI-assisted.</summary>
    public double AiShare => Commits == 0 ? 0 : (double)AiCommits / Commits;
}
