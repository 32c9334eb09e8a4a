using Countersign.Engine.Enforcement;
using Countersign.Git;
using Countersign.Testing;

namespace Countersign.Engine.Tests.Enforcement;

public sealed class PolicyBootstrapTests
{
    private const string Zero = "0000000000000000000000000000000000000000";

    /// <summary>main has code and no policy; the returned sha is its tip before the set-up is committed on top.</summary>
    private static (TempGitRepo Repo, string OldTip) WithoutPolicy()
    {
        var repo = TempGitRepo.Create();
        var old = repo.Commit("the app", new Dictionary<string, string> { ["src/app.go"] = "package app\n" }, author: EngineShop.Erin);
        return (repo, old);
    }

    private static Dictionary<string, string> SetUp(string policy = EngineShop.Policy) => new()
    {
        [".countersign/policy.yaml"] = policy,
        [".countersign/org.yaml"] = EngineShop.Org,
        [".github/CODEOWNERS"] = "* @acme/payments\n",
    };

    private static BootstrapVerdict Decide(TempGitRepo repo, string old, string @new) =>
        PolicyBootstrap.Decide(GitRepository.Open(repo.Path), new PushUpdate(old, @new, "refs/heads/main"));

    [Fact]
    public void APushThatAddsAValidPolicyAndNothingElseIsAcceptedWithThatPolicy()
    {
        var (repo, old) = WithoutPolicy();
        using var _ = repo;
        var tip = repo.Commit("set up countersign", SetUp(), author: EngineShop.Erin);

        var verdict = Decide(repo, old, tip);

        Assert.True(verdict.Accepted);
        Assert.Equal(["ai-below-senior"], verdict.Policy?.Rules.Select(r => r.Name));
    }

    [Fact]
    public void APushThatAddsThePolicyTogetherWithCodeIsRefusedNamingTheCode()
    {
        var (repo, old) = WithoutPolicy();
        using var _ = repo;
        var files = SetUp();
        files["src/backdoor.go"] = "package app\n";
        var tip = repo.Commit("set up countersign and a little more", files, author: EngineShop.Dana);

        var verdict = Decide(repo, old, tip);

        Assert.Equal(BootstrapReason.ChangesMoreThanConfiguration, verdict.Reason);
        Assert.Equal(["src/backdoor.go"], verdict.OtherFiles);
        Assert.False(verdict.Accepted);
    }

    [Fact]
    public void APushThatAddsNoPolicyIsRefused()
    {
        var (repo, old) = WithoutPolicy();
        using var _ = repo;
        var tip = repo.Commit("more app", new Dictionary<string, string> { ["src/more.go"] = "package app\n" });

        Assert.Equal(BootstrapReason.NoPolicyPushed, Decide(repo, old, tip).Reason);
    }

    [Fact]
    public void APushThatAddsABrokenPolicyIsRefusedWithItsErrors()
    {
        var (repo, old) = WithoutPolicy();
        using var _ = repo;
        var tip = repo.Commit("set up countersign", SetUp("version: 1\nprotected_branches: [main]\nrules:\n  - name: x\n    requires: {count: lots}\n"), author: EngineShop.Erin);

        var verdict = Decide(repo, old, tip);

        Assert.Equal(BootstrapReason.InvalidPolicy, verdict.Reason);
        Assert.Contains(verdict.Errors, e => e.Source.EndsWith(PolicyFile.DefaultPath, StringComparison.Ordinal));
        Assert.Null(verdict.Policy);
    }

    [Fact]
    public void TheFirstBranchOfAnEmptyRepositoryMayCarryCodeWithItsPolicy()
    {
        var repo = TempGitRepo.Create();
        using var _ = repo;
        var files = SetUp();
        files["src/app.go"] = "package app\n";
        var tip = repo.Commit("initial", files, author: EngineShop.Erin);

        Assert.True(Decide(repo, Zero, tip).Accepted);
    }

    [Fact]
    public void OnlyABranchWithNoPolicyFileAtAllTakesTheBootstrapPathNeverOneWithABrokenPolicy()
    {
        var (repo, old) = WithoutPolicy();
        using var _ = repo;
        var broken = repo.Commit("a broken policy", new Dictionary<string, string> { [".countersign/policy.yaml"] = "version: [\n" }, author: EngineShop.Erin);
        var next = repo.Commit("more", new Dictionary<string, string> { ["src/more.go"] = "package app\n" });
        var repository = GitRepository.Open(repo.Path);

        Assert.True(PolicyBootstrap.Applies(repository, new PushUpdate(old, broken, "refs/heads/main"), null));
        Assert.False(PolicyBootstrap.Applies(repository, new PushUpdate(broken, next, "refs/heads/main"), null));
        Assert.False(PolicyBootstrap.Applies(repository, new PushUpdate(old, broken, "refs/heads/main"), "policy.yaml"));
    }
}
