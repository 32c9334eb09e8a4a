using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Engine.Enforcement;
using Countersign.Testing;

namespace Countersign.Engine.Tests.Enforcement;

public sealed class ChangeOpenerTests
{
    private static ChangeOpening Open(TempGitRepo repo, string @base = "main", string head = EngineShop.Feature, Func<ChangeQuestion, ChangeQuestion>? with = null)
    {
        var question = new ChangeQuestion(repo.Path, @base, head) { WorkingDirectory = repo.Path };
        return ChangeOpener.Open(with is null ? question : with(question));
    }

    private static ChangeCase Opened(ChangeOpening opening) =>
        Assert.IsType<ChangeOpening.Opened>(opening).Case;

    private static SignOff Approval(ChangeCase opened, string person) =>
        new(Guid.NewGuid().ToString("n"), opened.Change.Key, person, SignOffKind.Approve, opened.Change.PatchId,
            opened.Change.FilePatchIds, opened.Change.HeadSha, EngineShop.Now);

    [Fact]
    public void AnOpenedChangeCarriesItsFactsThePolicyOfTheTargetBranchAndItsBranches()
    {
        using var repo = EngineShop.Create();

        var opened = Opened(Open(repo));

        Assert.Equal(repo.Git("rev-parse main").Trim(), opened.Change.BaseSha);
        Assert.Equal(repo.Git($"rev-parse {EngineShop.Feature}").Trim(), opened.Change.HeadSha);
        Assert.Equal("main", opened.Change.TargetBranch);
        Assert.Equal(EngineShop.Feature, opened.Change.SourceBranch);
        Assert.Equal(["services/payments/refund.go"], opened.Change.Files.Select(f => f.Path));
        Assert.Equal(["ai-below-senior"], opened.Policy.Rules.Select(r => r.Name));
        Assert.NotNull(opened.Bundle);
        Assert.Equal("main:.countersign/policy.yaml", opened.Bundle.Source);
        Assert.Equal("dana", opened.Change.Participants[0].Match.Person?.Id);
    }

    [Fact]
    public void TheChangeIsJudgedByThePolicyOfTheBranchItGoesIntoNotByTheOneItCarries()
    {
        using var repo = EngineShop.Create();
        repo.Git($"checkout -q {EngineShop.Feature}");
        repo.Commit("relax the policy", new Dictionary<string, string> { [".countersign/policy.yaml"] = EngineShop.PermissivePolicy }, author: EngineShop.Dana);

        var opened = Opened(Open(repo));

        Assert.Equal(["ai-below-senior"], opened.Policy.Rules.Select(r => r.Name));
        Assert.Equal(OverallStatus.Pending, opened.Evaluate([], EngineShop.Now).Status);
    }

    [Fact]
    public void ASeniorsApprovalSatisfiesTheCaseAndTheAuthorsOwnDoesNot()
    {
        using var repo = EngineShop.Create();
        var opened = Opened(Open(repo));

        Assert.Equal(OverallStatus.Pending, opened.Evaluate([Approval(opened, "dana")], EngineShop.Now).Status);
        Assert.Equal(OverallStatus.Satisfied, opened.Evaluate([Approval(opened, "erin")], EngineShop.Now).Status);
    }

    [Fact]
    public void WithoutAKeyAChangeIsNamedByItsBranchAndADetachedOneByItsContent()
    {
        using var repo = EngineShop.Create();
        var sha = repo.Git($"rev-parse {EngineShop.Feature}").Trim();

        var byBranch = Opened(Open(repo));
        var byContent = Opened(Open(repo, head: sha));

        Assert.Equal($"branch/{EngineShop.Feature}", byBranch.Change.Key);
        Assert.Null(byContent.Change.SourceBranch);
        Assert.Equal($"patch/{byContent.Change.PatchId}", byContent.Change.Key);
        Assert.NotEqual("", byContent.Change.PatchId);
    }

    [Fact]
    public void WhatCiSaysNamesTheChangeUnlessTheUserSaidOtherwise()
    {
        using var repo = EngineShop.Create();
        var ci = new CiEnvironment("pr/7", "release", "copilot/fix-refunds");

        var fromCi = Opened(Open(repo, with: q => q with { Ci = ci }));
        var fromUser = Opened(Open(repo, with: q => q with { Ci = ci, Key = "pr/8", TargetBranch = "main" }));

        Assert.Equal(("pr/7", "release", "copilot/fix-refunds"), (fromCi.Change.Key, fromCi.Change.TargetBranch, fromCi.Change.SourceBranch));
        Assert.Equal(("pr/8", "main", "copilot/fix-refunds"), (fromUser.Change.Key, fromUser.Change.TargetBranch, fromUser.Change.SourceBranch));
    }

    [Fact]
    public void ARemoteBaseNamesItsBranchWithoutTheRemote()
    {
        using var origin = EngineShop.Create();
        using var clone = TempGitRepo.CloneFrom(origin, "");

        var opened = Opened(Open(clone, "origin/main", $"origin/{EngineShop.Feature}"));

        Assert.Equal("main", opened.Change.TargetBranch);
        Assert.Equal("origin/main:.countersign/policy.yaml", opened.Bundle?.Source);
    }

    [Fact]
    public void ABrokenOrgDirectoryOnTheTargetBranchRefusesWithEachErrorAndItsFile()
    {
        using var repo = EngineShop.Create(org: EngineShop.Org.Replace("level: senior", "level: seniour", StringComparison.Ordinal));

        var refused = Assert.IsType<ChangeOpening.ConfigurationRefused>(Open(repo));

        Assert.NotEmpty(refused.Errors);
        Assert.All(refused.Errors, e => Assert.Equal(".countersign/org.yaml", e.Source));
        Assert.Contains(refused.Errors, e => e.Line == 13 && e.Message.Contains("seniour", StringComparison.Ordinal));
    }

    [Fact]
    public void ABranchWithoutAPolicyRefusesToDecideAndSaysHowToAddOne()
    {
        using var repo = EngineShop.Create();
        repo.Git("rm -q .countersign/policy.yaml");
        repo.Git("commit -q -m drop-policy");

        var refused = Assert.IsType<ChangeOpening.ConfigurationRefused>(Open(repo));

        Assert.Contains(refused.Errors, e => e.Source == PolicyFile.DefaultPath && e.Message.Contains("not committed at main", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownRevisionOrAFolderThatIsNoRepositoryIsBadInputNotAnException()
    {
        using var repo = EngineShop.Create();
        var folder = TempGitRepo.NewTempDirectory("plain");

        var unknown = Assert.IsType<ChangeOpening.BadInput>(Open(repo, head: "no-such-branch"));
        var notARepository = Assert.IsType<ChangeOpening.BadInput>(ChangeOpener.Open(new ChangeQuestion(folder, "main", "HEAD")));

        Assert.Contains("no-such-branch", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("not a git repository", notARepository.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APushToABranchThePolicyDoesNotProtectIsNotConcerned()
    {
        using var repo = EngineShop.Create();

        var toDocs = Open(repo, with: q => q with { TargetBranch = "docs", OnlyWhenTargetProtected = true });
        var toMain = Open(repo, with: q => q with { TargetBranch = "main", OnlyWhenTargetProtected = true });

        Assert.Equal("docs", Assert.IsType<ChangeOpening.NotConcerned>(toDocs).TargetBranch);
        Assert.IsType<ChangeOpening.Opened>(toMain);
    }

    [Fact]
    public void APolicyFileGivenOnDiskReplacesTheCommittedOne()
    {
        using var repo = EngineShop.Create();
        repo.WriteFile("relaxed.yaml", EngineShop.PermissivePolicy);

        var opened = Opened(Open(repo, with: q => q with { PolicyPath = "relaxed.yaml" }));

        Assert.Empty(opened.Policy.Rules);
        Assert.Equal("relaxed.yaml", opened.Bundle?.Source);
        Assert.Equal(OverallStatus.Satisfied, opened.Evaluate([], EngineShop.Now).Status);
    }
}
