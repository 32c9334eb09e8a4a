using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Enforcement;

/// <summary>
/// The pre-receive hook deciding with the server's sign-offs: a push to main carrying an unsigned AI change is
/// rejected; once a senior signs the pull request off on the server, the same push is accepted (found again by its
/// content); an unreachable server rejects unless the hook fails open.
/// </summary>
public sealed class ServerHookTests
{
    [Fact]
    public async Task A_push_is_judged_with_the_servers_sign_offs_and_fails_closed_without_it()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        var ci = await server.TokenAsync("ci");
        var erin = await server.TokenAsync("reviewer", "erin");
        var main = shop.Repo.Git("rev-parse main").Trim();
        var feature = shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim();
        var push = $"{main} {feature} refs/heads/main\n";
        (int ExitCode, string Stdout, string Stderr) Hook(string token, params string[] extra) =>
            CliRunner.RunAt(PolicyShop.Now, shop.Path, new Dictionary<string, string> { ["COUNTERSIGN_TOKEN"] = token }, push,
                ["hook", "pre-receive", "--repository-name", "acme/shop", .. extra]);

        var rejected = Hook(ci, "--server", server.Address.ToString());
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("push rejected", rejected.Stderr);
        Assert.Contains("Erin Senior", rejected.Stderr);

        // The pull request is registered and signed off on the server; the push carries the same content.
        string[] remote = ["--server", server.Address.ToString(), "--repository-name", "acme/shop"];
        Assert.Equal(1, shop.Run(["check", "--base", "main", "--head", PolicyShop.Feature, "--change", "pr/12", "--token", ci, .. remote]).ExitCode);
        Assert.Equal(0, shop.Run(["approve", "--base", "main", "--head", PolicyShop.Feature, "--change", "pr/12", "--token", erin, .. remote]).ExitCode);
        var accepted = Hook(ci, "--server", server.Address.ToString());
        Assert.True(accepted.ExitCode == 0, accepted.Stderr);

        Assert.Equal(3, Hook(ci, "--server", "http://127.0.0.1:1").ExitCode);
        Assert.Equal(0, Hook(ci, "--server", "http://127.0.0.1:1", "--fail-open").ExitCode);
        Assert.Equal(2, Hook(ci, "--server", "not a url").ExitCode);
    }

    [Fact]
    public void The_installed_hook_names_the_server_quoted()
    {
        var script = Cli.Commands.HookCommand.HookScript("'/opt/countersign'", "https://countersign.internal/x'y");
        Assert.EndsWith("hook pre-receive --server 'https://countersign.internal/x'\\''y'\n", script, StringComparison.Ordinal);
    }
}
