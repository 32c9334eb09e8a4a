using Countersign.Cli.Commands;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>Pushes through a real pre-receive hook: a bare repository with the hook installed, clones pushing to it with git.</summary>
public sealed class PreReceiveHookTests
{
    private static (TempGitRepo Server, PolicyShop Work) Serve()
    {
        var work = PolicyShop.Create();
        var server = TempGitRepo.Create(bare: true);
        work.Repo.Git($"push -q \"{server.Path}\" main {PolicyShop.Feature}");
        var (code, _, stderr) = CliRunner.Run(server.Path, "hook", "install");
        Assert.True(code == 0, stderr);
        return (server, work);
    }

    private static (int Code, string Output) Push(PolicyShop work, TempGitRepo server, string refspec)
    {
        try
        {
            var output = TempGitRepo.RunGit(work.Path, $"push \"{server.Path}\" {refspec}");
            return (0, output);
        }
        catch (InvalidOperationException e)
        {
            return (1, e.Message);
        }
    }

    [Fact]
    public void APushOfAnUnsignedAiChangeToMainIsRejectedWithTheExplanation()
    {
        var (server, work) = Serve();
        using (server)
        using (work)
        {
            var (code, output) = Push(work, server, $"{PolicyShop.Feature}:main");
            Assert.True(code == 1, output);
            Assert.Contains("ai-below-senior: pending", output, StringComparison.Ordinal);
            Assert.Contains("can give it: Erin Senior (senior)", output, StringComparison.Ordinal);
            Assert.Contains("push rejected", output, StringComparison.Ordinal);
            Assert.NotEqual(work.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim(), TempGitRepo.RunGit(server.Path, "rev-parse main").Trim());
        }
    }

    [Fact]
    public void AfterTheSeniorSignsOffOnTheServerThePushIsAccepted()
    {
        var (server, work) = Serve();
        using (server)
        using (work)
        {
            var (approved, _, stderr) = CliRunner.Run(server.Path, "approve", "--base", "main", "--head", PolicyShop.Feature, "--as", "erin");
            Assert.True(approved == 0, stderr);
            var (code, output) = Push(work, server, $"{PolicyShop.Feature}:main");
            Assert.True(code == 0, output);
            Assert.Equal(work.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim(), TempGitRepo.RunGit(server.Path, "rev-parse main").Trim());
        }
    }

    [Fact]
    public void UnprotectedBranchesTagsAndHumanChangesPassAndDeletingMainIsRefused()
    {
        var (server, work) = Serve();
        using (server)
        using (work)
        {
            Assert.Equal(0, Push(work, server, $"{PolicyShop.Feature}:refs/heads/other").Code);
            Assert.Equal(0, Push(work, server, $"{PolicyShop.Feature}:refs/tags/v1").Code);
            work.Repo.Commit("docs: typo", new Dictionary<string, string> { ["docs/index.md"] = "# Docs!\n" }, author: PolicyShop.Sam);
            Assert.Equal(0, Push(work, server, "main").Code);
            var (code, output) = Push(work, server, ":main");
            Assert.Equal(1, code);
            Assert.Contains("deleting it is not allowed", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MalformedInputFailsClosed()
    {
        using var work = PolicyShop.Create();
        var (code, _, stderr) = CliRunner.RunAt(PolicyShop.Now, work.Path, null, "not a hook line\n", "hook", "pre-receive");
        Assert.Equal(2, code);
        Assert.Contains("unexpected hook input line", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInstalledHookRunsThisCountersign()
    {
        var script = HookCommand.HookScript(HookCommand.Invocation());
        Assert.StartsWith("#!/bin/sh", script, StringComparison.Ordinal);
        Assert.Contains("hook pre-receive", script, StringComparison.Ordinal);
    }
}
