using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Enforcement;

/// <summary>
/// The CLI against a real server over HTTP, on SQLite and on PostgreSQL: check, approve and deploy-gate decide exactly
/// as they do on the local store, eligibility is checked on the server, and an unreachable server fails closed.
/// </summary>
public sealed class ServerEnforcementTests
{
    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Check_and_approve_through_the_server_decide_as_the_local_store_does(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        var ci = await server.TokenAsync("ci");
        var erin = await server.TokenAsync("reviewer", "erin");
        var dana = await server.TokenAsync("reviewer", "dana");
        string[] Remote(string token) => ["--server", server.Address.ToString(), "--token", token, "--repository-name", "acme/shop"];

        var local = shop.Check("--json");
        var remote = shop.Check([.. Remote(ci), "--json"]);
        Assert.Equal(1, local.ExitCode);
        Assert.Equal(1, remote.ExitCode);
        Assert.Equal("pending", Field(remote.Stdout, "status"));
        Assert.Equal(Field(local.Stdout, "status"), Field(remote.Stdout, "status"));
        Assert.Equal(Field(local.Stdout, "summary"), Field(remote.Stdout, "summary"));

        // Dana wrote the change: the server refuses her approval and records nothing.
        var refused = shop.Run(["approve", "--base", "main", "--head", PolicyShop.Feature, .. Remote(dana)]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("nothing was recorded", refused.Stderr);
        Assert.Contains("author", refused.Stderr);

        // A ci token acts as nobody: it may not sign off.
        var asCi = shop.Run(["approve", "--base", "main", "--head", PolicyShop.Feature, .. Remote(ci)]);
        Assert.Equal(2, asCi.ExitCode);

        var approved = shop.Run(["approve", "--base", "main", "--head", PolicyShop.Feature, .. Remote(erin)]);
        Assert.True(approved.ExitCode == 0, approved.Stderr + approved.Stdout);
        Assert.Contains("Erin Senior", approved.Stdout);

        var after = shop.Check([.. Remote(ci), "--json"]);
        Assert.Equal(0, after.ExitCode);
        Assert.Equal("satisfied", Field(after.Stdout, "status"));

        // The same sign-off on the local store gives the same decision and explanation.
        Assert.Equal(0, shop.Approve("erin").ExitCode);
        var localAfter = shop.Check("--json");
        Assert.Equal(0, localAfter.ExitCode);
        Assert.Equal(Field(localAfter.Stdout, "summary"), Field(after.Stdout, "summary"));

        var text = shop.Check(Remote(ci));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Server: change #", text.Stdout);
    }

    [Fact]
    public void An_unreachable_server_fails_check_closed_unless_fail_open_is_given()
    {
        using var shop = PolicyShop.Create();
        var closed = shop.Check("--server", "http://127.0.0.1:1", "--token", "cst_x");
        Assert.Equal(3, closed.ExitCode);
        Assert.Contains("failing closed", closed.Stderr);

        var open = shop.Check("--server", "http://127.0.0.1:1", "--token", "cst_x", "--fail-open");
        Assert.Equal(0, open.ExitCode);
        Assert.Contains("--fail-open", open.Stderr);
    }

    [Fact]
    public async Task A_bad_token_is_a_configuration_error_not_a_pass()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        using var shop = PolicyShop.Create();
        var result = shop.Check("--server", server.Address.ToString(), "--token", "cst_not-a-token", "--fail-open");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did not accept the token", result.Stderr);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Deploy_gate_through_the_server_finds_the_pull_request_sign_off_after_the_merge(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        var ci = await server.TokenAsync("ci");
        var erin = await server.TokenAsync("reviewer", "erin");
        string[] Remote(string token) => ["--server", server.Address.ToString(), "--token", token, "--repository-name", "acme/shop"];
        var running = shop.Repo.Git("rev-parse main").Trim();
        shop.Repo.Git($"merge -q --no-ff {PolicyShop.Feature} -m \"Merge branch '{PolicyShop.Feature}'\"");

        string[] gate = ["deploy-gate", "--service", "payments", "--environment", "staging", "--from", running, "--to", "main", .. Remote(ci)];
        var blocked = shop.Run(gate);
        Assert.Equal(1, blocked.ExitCode);
        Assert.Contains("deploy blocked", blocked.Stdout);

        // The sign-off is given on the pull request (before the merge) and found again by its content.
        Assert.Equal(1, shop.Run(["check", "--base", running, "--head", PolicyShop.Feature, .. Remote(ci)]).ExitCode);
        Assert.Equal(0, shop.Run(["approve", "--base", running, "--head", PolicyShop.Feature, .. Remote(erin)]).ExitCode);
        var allowed = shop.Run(gate);
        Assert.True(allowed.ExitCode == 0, allowed.Stdout + allowed.Stderr);
        Assert.Contains("deploy allowed", allowed.Stdout);

        var unreachable = shop.Run(["deploy-gate", "--service", "payments", "--environment", "staging", "--from", running, "--to", "main", "--server", "http://127.0.0.1:1", "--token", "x"]);
        Assert.Equal(3, unreachable.ExitCode);
    }

    private static string? Field(string json, string name) => JsonNode.Parse(json)![name]?.ToString();
}
