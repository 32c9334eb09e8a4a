using Countersign.Engine.Enforcement;
using Countersign.Git;
using Countersign.Testing;

namespace Countersign.Engine.Tests.Enforcement;

public sealed class BranchLifecycleTests
{
    private const string Zero = "0000000000000000000000000000000000000000";

    private const string ProtectsMainAndRelease = """
        version: 1
        protected_branches: [main, release]
        rules: []
        """;

    private static BranchLifecycleVerdict Decide(TempGitRepo repo, string old, string @new, string branch) =>
        BranchLifecycle.Decide(GitRepository.Open(repo.Path), new PushUpdate(old, @new, $"refs/heads/{branch}"), null, repo.Path);

    [Fact]
    public void DeletingAProtectedBranchIsRefusedAndDeletingAnyOtherIsAllowed()
    {
        using var repo = EngineShop.Create(ProtectsMainAndRelease);
        var tip = repo.Git("rev-parse main").Trim();

        Assert.Equal(BranchLifecycleVerdict.ProtectedDeletion, Decide(repo, tip, Zero, "release"));
        Assert.Equal(BranchLifecycleVerdict.Allowed, Decide(repo, tip, Zero, "scratch"));
    }

    [Fact]
    public void AProtectedBranchMayBeCreatedFromCommitsOnABranchButNotWithNewWork()
    {
        using var repo = EngineShop.Create(ProtectsMainAndRelease);
        var onMain = repo.Git("rev-parse main").Trim();
        repo.Git("checkout -q -b temporary");
        var unjudged = repo.Commit("work no branch holds", new Dictionary<string, string> { ["src/new.go"] = "package src\n" });
        repo.Git("checkout -q main");
        repo.Git("branch -q -D temporary");

        Assert.Equal(BranchLifecycleVerdict.Allowed, Decide(repo, Zero, onMain, "release"));
        Assert.Equal(BranchLifecycleVerdict.ProtectedCreationWithNewWork, Decide(repo, Zero, unjudged, "release"));
        Assert.Equal(BranchLifecycleVerdict.Allowed, Decide(repo, Zero, unjudged, "scratch"));
    }

    [Fact]
    public void WhenThePolicyCannotBeReadEveryBranchCountsAsProtected()
    {
        using var repo = EngineShop.Create("version: [\n");
        var tip = repo.Git("rev-parse main").Trim();

        Assert.Equal(BranchLifecycleVerdict.ProtectedDeletion, Decide(repo, tip, Zero, "scratch"));
    }
}
