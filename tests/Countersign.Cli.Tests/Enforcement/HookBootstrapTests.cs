using System.Diagnostics;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>
/// First set-up under the pre-receive hook, through real pushes into a bare repository: a branch with no policy takes
/// exactly one kind of push — one adding a valid policy and nothing but configuration — and a branch that has a
/// policy (even a broken one) never takes that path.
/// </summary>
public sealed class HookBootstrapTests
{
    private static readonly Dictionary<string, string> Configuration = new()
    {
        [".countersign/org.yaml"] = PolicyShop.Org,
        [".countersign/policy.yaml"] = PolicyShop.Policy,
    };

    /// <summary>A clone whose main has code but no policy, pushed to a bare server that then gets the hook.</summary>
    private static (TempGitRepo Server, TempGitRepo Work, string InstallErrors) ServeWithoutPolicy()
    {
        var work = TempGitRepo.Create();
        work.Commit("Initial code", new Dictionary<string, string> { ["services/payments/charge.go"] = "package payments\n" }, author: PolicyShop.Erin);
        var server = TempGitRepo.Create(bare: true);
        work.Git($"push -q \"{server.Path}\" main");
        var (code, _, stderr) = CliRunner.Run(server.Path, "hook", "install");
        Assert.True(code == 0, stderr);
        return (server, work, stderr);
    }

    /// <summary>A real <c>git push</c>; the output is stderr and stdout together, where the hook's messages arrive.</summary>
    private static (int Code, string Output) Push(TempGitRepo work, TempGitRepo server, string refspec)
    {
        var psi = new ProcessStartInfo("git", $"push \"{server.Path}\" {refspec}")
        {
            WorkingDirectory = work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode == 0 ? 0 : 1, stdout + stderr.GetAwaiter().GetResult());
    }

    private static string Tip(TempGitRepo repo, string rev = "main") => TempGitRepo.RunGit(repo.Path, $"rev-parse {rev}").Trim();

    [Fact]
    public void HookInstallWarnsThatABranchWithoutAPolicyAcceptsOnlyThePushThatAddsOne()
    {
        var (server, work, warnings) = ServeWithoutPolicy();
        using (server)
        using (work)
        {
            Assert.Contains("main has no .countersign/policy.yaml yet", warnings, StringComparison.Ordinal);
            Assert.Contains("countersign init", warnings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void APushAddingAValidPolicyToABranchWithoutOneIsAcceptedRecordedAndThenEnforced()
    {
        var (server, work, _) = ServeWithoutPolicy();
        using (server)
        using (work)
        {
            work.Commit("Set up Countersign", Configuration, author: PolicyShop.Erin);

            var (code, output) = Push(work, server, "main");

            Assert.True(code == 0, output);
            Assert.Contains("bootstrap: main had no policy", output, StringComparison.Ordinal);
            Assert.Equal(Tip(work), Tip(server));
            var log = File.ReadAllText(Path.Combine(server.Path, "countersign", "bootstrap.log"));
            Assert.Contains(Tip(work), log, StringComparison.Ordinal);
            Assert.Contains("ai-below-senior", log, StringComparison.Ordinal);

            work.Commit("payments: refunds\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
                new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\n" }, author: PolicyShop.Dana);
            var (after, rejected) = Push(work, server, "main");
            Assert.True(after == 1, rejected);
            Assert.Contains("ai-below-senior: pending", rejected, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void APushToABranchWithoutAPolicyThatAddsNoPolicyIsRefusedSayingWhatToPush()
    {
        var (server, work, _) = ServeWithoutPolicy();
        using (server)
        using (work)
        {
            var before = Tip(server);
            work.Commit("More code", new Dictionary<string, string> { ["services/payments/more.go"] = "package payments\n" }, author: PolicyShop.Erin);

            var (code, output) = Push(work, server, "main");

            Assert.Equal(1, code);
            Assert.Contains("main has no policy yet", output, StringComparison.Ordinal);
            Assert.Contains("countersign init", output, StringComparison.Ordinal);
            Assert.Equal(before, Tip(server));
        }
    }

    [Fact]
    public void TheBootstrapPushMayNotCarryCodeAlongWithThePolicy()
    {
        var (server, work, _) = ServeWithoutPolicy();
        using (server)
        using (work)
        {
            var before = Tip(server);
            work.Commit("Set up Countersign and sneak in code", new Dictionary<string, string>(Configuration) { ["services/payments/backdoor.go"] = "package payments\n" }, author: PolicyShop.Dana);

            var (code, output) = Push(work, server, "main");

            Assert.Equal(1, code);
            Assert.Contains("services/payments/backdoor.go", output, StringComparison.Ordinal);
            Assert.Equal(before, Tip(server));
            Assert.False(File.Exists(Path.Combine(server.Path, "countersign", "bootstrap.log")));
        }
    }

    [Fact]
    public void AnInvalidPolicyPushedToABranchWithoutOneIsRefusedNamingTheFile()
    {
        var (server, work, _) = ServeWithoutPolicy();
        using (server)
        using (work)
        {
            work.Commit("Set up Countersign", new Dictionary<string, string>(Configuration) { [".countersign/policy.yaml"] = PolicyShop.Policy.Replace("count: 1", "count: one", StringComparison.Ordinal) }, author: PolicyShop.Erin);

            var (code, output) = Push(work, server, "main");

            Assert.Equal(1, code);
            Assert.Contains(".countersign/policy.yaml", output, StringComparison.Ordinal);
            Assert.Contains("not valid", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABranchWithABrokenPolicyCannotBeBootstrappedWithAPermissiveOne()
    {
        var work = TempGitRepo.Create();
        var server = TempGitRepo.Create(bare: true);
        using (server)
        using (work)
        {
            work.Commit("Set up Countersign", new Dictionary<string, string>(Configuration) { [".countersign/policy.yaml"] = "version: 1\nrules: [oops\n" }, author: PolicyShop.Erin);
            work.Git($"push -q \"{server.Path}\" main");
            Assert.Equal(0, CliRunner.Run(server.Path, "hook", "install").ExitCode);
            var before = Tip(server);
            work.Commit("Allow everything", new Dictionary<string, string> { [".countersign/policy.yaml"] = "version: 1\nprotected_branches: [main]\nrules: []\n" }, author: PolicyShop.Dana);

            var (code, output) = Push(work, server, "main");

            Assert.Equal(1, code);
            Assert.DoesNotContain("bootstrap", output, StringComparison.Ordinal);
            Assert.Contains("invalid configuration in", output, StringComparison.Ordinal);
            Assert.Equal(before, Tip(server));
        }
    }

    [Fact]
    public void TheFirstPushIntoAnEmptyRepositoryMustCarryAValidPolicy()
    {
        var work = TempGitRepo.Create();
        var server = TempGitRepo.Create(bare: true);
        using (server)
        using (work)
        {
            var (installed, _, warnings) = CliRunner.Run(server.Path, "hook", "install");
            Assert.Equal(0, installed);
            Assert.Contains("the repository is empty", warnings, StringComparison.Ordinal);
            work.Commit("Initial code", new Dictionary<string, string> { ["README.md"] = "# Shop\n" }, author: PolicyShop.Erin);

            var (refused, why) = Push(work, server, "main");
            Assert.Equal(1, refused);
            Assert.Contains("has no policy yet", why, StringComparison.Ordinal);

            work.Commit("Set up Countersign", Configuration, author: PolicyShop.Erin);
            var (accepted, output) = Push(work, server, "main");
            Assert.True(accepted == 0, output);
            Assert.Equal(Tip(work), Tip(server));
        }
    }
}
