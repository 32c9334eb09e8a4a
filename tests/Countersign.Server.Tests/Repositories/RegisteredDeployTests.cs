using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;

namespace Countersign.Server.Tests.Repositories;

/// <summary>
/// Deploys of a registered repository: the server reads what ships from its own mirror, with the engine call
/// <c>deploy-gate</c> makes, and decides as the local gate does; deploy facts a client sends for such a repository are
/// refused and change nothing.
/// </summary>
public sealed class RegisteredDeployTests
{
    [Fact]
    public async Task Deploy_gate_on_a_registered_repository_decides_from_the_servers_mirror_as_the_local_gate_does()
    {
        await using var server = await StartAsync();
        using var shop = PolicyShop.Create();
        await ServerBuiltChangeTests.RegisterAsync(server, "acme/shop", $"file://{shop.Path}");
        var ci = await server.TokenAsync("ci");
        var erin = await server.TokenAsync("reviewer", "erin");
        string[] Remote(string token) => ["--server", server.Address.ToString(), "--token", token, "--repository-name", "acme/shop"];
        var running = shop.Repo.Git("rev-parse main").Trim();
        shop.Repo.Git($"merge -q --no-ff {PolicyShop.Feature} -m \"Merge branch '{PolicyShop.Feature}'\"");
        string[] gate = ["deploy-gate", "--service", "payments", "--environment", "production", "--from", running, "--to", "main"];

        var local = shop.Run([.. gate, "--json"]);
        var remote = shop.Run([.. gate, .. Remote(ci), "--json"]);
        Assert.Equal(1, local.ExitCode);
        Assert.True(remote.ExitCode == 1, remote.Stdout + remote.Stderr);
        AssertSameDecision(JsonNode.Parse(local.Stdout)!, JsonNode.Parse(remote.Stdout)!);

        // Signed off on the pull request, on the server and here: both gates let the deploy go.
        string[] pullRequest = ["--base", running, "--head", PolicyShop.Feature, "--target-branch", "main"];
        var check = shop.Run(["check", .. pullRequest, .. Remote(ci)]);
        Assert.True(check.ExitCode == 1, check.Stdout + check.Stderr);
        Assert.Equal(0, shop.Run(["approve", .. pullRequest, .. Remote(erin)]).ExitCode);
        Assert.Equal(0, shop.Run(["approve", "--base", running, "--head", PolicyShop.Feature, "--as", "erin"]).ExitCode);
        local = shop.Run([.. gate, "--json"]);
        remote = shop.Run([.. gate, .. Remote(ci), "--json"]);
        Assert.True(local.ExitCode == 0, local.Stdout + local.Stderr);
        Assert.True(remote.ExitCode == 0, remote.Stdout + remote.Stderr);
        AssertSameDecision(JsonNode.Parse(local.Stdout)!, JsonNode.Parse(remote.Stdout)!);
        var text = shop.Run([.. gate, .. Remote(ci)]);
        Assert.Contains("read by the server from its mirror", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ci_token_posting_deploy_facts_for_a_registered_repository_changes_nothing()
    {
        await using var server = await StartAsync();
        using var shop = PolicyShop.Create();
        await ServerBuiltChangeTests.RegisterAsync(server, ShopChange.Repository, $"file://{shop.Path}");
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var admin = server.Client();
        var auditBefore = JsonNode.Parse(await admin.GetStringAsync("api/v1/audit?limit=500"))!["total"]!.GetValue<long>();

        // What a compromised CI could claim: the deploy ships nothing that needs a sign-off.
        var head = shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim();
        var registration = ShopChange.Registration(shop, "pr/forged");
        var forged = new DeployRequest(ShopChange.Repository, "payments", "production", null, head, registration.Policy, []);
        var response = await ci.PostAsJsonAsync("api/v1/deploys", forged, TestServer.Json);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("believes no changes or policy sent by a client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await ci.GetFromJsonAsync<List<DeployDecisionSummary>>("api/v1/deploys", TestServer.Json))!);
        Assert.Equal(auditBefore, JsonNode.Parse(await admin.GetStringAsync("api/v1/audit?limit=500"))!["total"]!.GetValue<long>());

        // Without facts the server reads the deploy itself: the feature branch's AI change ships and blocks it.
        var built = await ci.PostAsJsonAsync("api/v1/deploys", new DeployBuildRequest(ShopChange.Repository, "payments", "production", null, head), TestServer.Json);
        var decision = (await built.Content.ReadFromJsonAsync<DeployDecisionView>(TestServer.Json))!;
        Assert.Equal("server", decision.BuiltBy);
        Assert.False(decision.Allowed);
        Assert.Contains(decision.Changes, c => c.Commit == head && c.Status == "pending");

        // A revision the repository does not have, and an unregistered repository asking the server to read it: 422.
        var unknown = await ci.PostAsJsonAsync("api/v1/deploys", new DeployBuildRequest(ShopChange.Repository, "payments", "production", null, new string('a', 40)), TestServer.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("is not in acme/shop after fetching it", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unregistered = await ci.PostAsJsonAsync("api/v1/deploys", new DeployBuildRequest("acme/other", "payments", "production", null, head), TestServer.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unregistered.StatusCode);

        // An unregistered repository keeps the client-built path, and the answer says so.
        var client = await ci.PostAsJsonAsync("api/v1/deploys", forged with { Repository = "acme/other" }, TestServer.Json);
        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        Assert.Equal("client", (await client.Content.ReadFromJsonAsync<DeployDecisionView>(TestServer.Json))!.BuiltBy);
    }

    /// <summary>The same verdict, the same shipped changes with the same statuses and rules, on both gates.</summary>
    private static void AssertSameDecision(JsonNode local, JsonNode server)
    {
        Assert.Equal("server", server["builtBy"]!.ToString());
        Assert.Equal(local["allowed"]!.GetValue<bool>(), server["allowed"]!.GetValue<bool>());
        var mine = local["changes"]!.AsArray();
        var theirs = server["changes"]!.AsArray();
        Assert.Equal(mine.Count, theirs.Count);
        Assert.NotEmpty(mine);
        for (var i = 0; i < mine.Count; i++)
        {
            Assert.Equal(mine[i]!["status"]!.ToString(), theirs[i]!["status"]!.ToString());
            var (a, b) = (WithoutTimes(mine[i]!["rules"]!), WithoutTimes(theirs[i]!["result"]!["rules"]!));
            Assert.True(JsonNode.DeepEquals(a, b), $"local: {a}\nserver: {b}");
        }
    }

    /// <summary>The rules without the times sign-offs were given (the local gate runs at a fixed test time, the server at its own).</summary>
    private static JsonNode WithoutTimes(JsonNode node)
    {
        var copy = node.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    o.Remove("at");
                    foreach (var (_, child) in o.ToList())
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }

    private static async Task<TestServer> StartAsync()
    {
        var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            Mirrors = new MirrorOptions { Directory = TempGitRepo.NewTempDirectory("mirrors"), FetchInterval = TimeSpan.Zero },
        });
        await server.ImportOrgAsync(PolicyShop.Org);
        return server;
    }
}
