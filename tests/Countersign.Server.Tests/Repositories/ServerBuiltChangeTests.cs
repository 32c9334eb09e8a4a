using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Repositories;

/// <summary>
/// The server builds a registered repository's changes itself, from a mirror fetched over file:// or git's smart HTTP
/// protocol, and decides exactly as local <c>check</c> does; it believes no facts a client sends for such a repository,
/// and a deleted branch, rewritten history and an unreachable remote each get a clear answer.
/// </summary>
public sealed class ServerBuiltChangeTests
{
    private const string Key = "branch/feature/refunds";

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_change_built_from_a_file_mirror_decides_and_explains_as_local_check_does_and_is_built_once(Store store)
    {
        await using var server = await StartAsync(store);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        await RegisterAsync(server, "acme/shop", $"file://{shop.Path}");

        var view = await BuildAsync(ci, "acme/shop", "main", PolicyShop.Feature);
        Assert.Equal("server", view.BuiltBy);
        Assert.Equal("pending", view.Status);
        Assert.Equal("dana", view.AuthorId);
        AssertSameAsLocalCheck(shop, view);

        // The same request again: answered from the build cache, with the same decision.
        var builds = server.App.Services.GetRequiredService<ServerBuiltChanges>().Builds;
        var again = await BuildAsync(ci, "acme/shop", "main", PolicyShop.Feature);
        Assert.Equal(builds, server.App.Services.GetRequiredService<ServerBuiltChanges>().Builds);
        Assert.Equal(view.Id, again.Id);
        Assert.Equal(view.Revision, again.Revision);

        using var admin = server.Client();
        var listed = (await admin.GetFromJsonAsync<List<RepositoryView>>("api/v1/repositories", TestServer.Json))!;
        var repository = Assert.Single(listed);
        Assert.Equal("ok", repository.FetchOutcome);
        Assert.NotNull(repository.FetchedAt);
        Assert.True(repository.MirrorBytes > 0);
    }

    [Fact]
    public async Task A_change_built_from_a_mirror_fetched_over_smart_http_with_a_credential_from_the_environment_matches_local_check()
    {
        using var shop = PolicyShop.Create();
        var root = TempGitRepo.NewTempDirectory("git-http");
        TempGitRepo.RunGit(root, $"clone -q --bare \"{shop.Path}\" shop.git");
        await using var git = await GitHttpServer.StartAsync(root);
        var variable = $"COUNTERSIGN_TEST_GIT_TOKEN_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "s3cret-token");
        git.RequiredAuthorization = "Basic " + Convert.ToBase64String("x-access-token:s3cret-token"u8.ToArray());
        await using var server = await StartAsync(Store.Sqlite);
        using var ci = server.Client(await server.TokenAsync("ci"));
        await RegisterAsync(server, "acme/shop", new Uri(git.Address, "shop.git").ToString(), $"env:{variable}");

        var view = await BuildAsync(ci, "acme/shop", "main", PolicyShop.Feature);
        Assert.Equal("server", view.BuiltBy);
        AssertSameAsLocalCheck(shop, view);

        // Without the credential the remote refuses, and the server answers 503 (clients fail closed).
        Environment.SetEnvironmentVariable(variable, "wrong");
        var refused = await ci.PostAsJsonAsync("api/v1/changes", new ChangeBuildRequest("acme/shop", Key, "main", PolicyShop.Feature), TestServer.Json);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.DoesNotContain("wrong", await refused.Content.ReadAsStringAsync());
        Assert.True(git.Refused > 0);
        Environment.SetEnvironmentVariable(variable, null);
    }

    [Fact]
    public async Task Check_with_server_on_a_registered_repository_lets_the_server_build_and_decide_as_local_check_does()
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var shop = PolicyShop.Create();
        var ci = await server.TokenAsync("ci");
        await RegisterAsync(server, "acme/shop", $"file://{shop.Path}");
        string[] remote = ["--server", server.Address.ToString(), "--token", ci, "--repository-name", "acme/shop"];

        var local = shop.Check("--json");
        var json = shop.Check([.. remote, "--json"]);
        Assert.Equal(1, json.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(local.Stdout)!["rules"], JsonNode.Parse(json.Stdout)!["rules"]), json.Stdout);
        var text = shop.Check(remote);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("built by the server from its mirror", text.Stdout);
        Assert.Equal(1, server.App.Services.GetRequiredService<ServerBuiltChanges>().Builds);

        // Not registered: the same check sends its facts, as before.
        var other = shop.Check(["--server", server.Address.ToString(), "--token", ci, "--repository-name", "acme/other"]);
        Assert.Equal(1, other.ExitCode);
        Assert.DoesNotContain("built by the server", other.Stdout);
    }

    [Fact]
    public async Task A_ci_token_posting_forged_facts_for_a_registered_repository_changes_nothing()
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var admin = server.Client();
        await RegisterAsync(server, ShopChange.Repository, $"file://{shop.Path}");
        var auditBefore = JsonNode.Parse(await admin.GetStringAsync("api/v1/audit?limit=500"))!["total"]!.GetValue<long>();

        // Facts claiming a human, harmless change: the kind CI could forge.
        var forged = ShopChange.Registration(shop, "pr/forged");
        forged = forged with { Facts = forged.Facts with { Commits = [], Files = [] } };
        var response = await ci.PostAsJsonAsync("api/v1/changes", forged, TestServer.Json);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("builds its changes itself", await response.Content.ReadAsStringAsync());

        var lookup = await ci.GetAsync($"api/v1/changes/lookup?repository={Uri.EscapeDataString(ShopChange.Repository)}&key=pr%2Fforged");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal(auditBefore, JsonNode.Parse(await admin.GetStringAsync("api/v1/audit?limit=500"))!["total"]!.GetValue<long>());

        // An unregistered repository keeps the client-built path, and the answer says so.
        var unregistered = await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/1") with { Repository = "acme/other" }, TestServer.Json);
        Assert.Equal(HttpStatusCode.OK, unregistered.StatusCode);
        Assert.Equal("client", (await unregistered.Content.ReadFromJsonAsync<ChangeView>(TestServer.Json))!.BuiltBy);
    }

    [Fact]
    public async Task A_deleted_branch_rewritten_history_and_an_unreachable_remote_each_get_a_clear_answer()
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        await RegisterAsync(server, "acme/shop", $"file://{shop.Path}");
        var oldHead = shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim();
        var oldMain = shop.Repo.Git("rev-parse main").Trim();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(ci, "acme/shop", "main", PolicyShop.Feature)).StatusCode);

        // The branch is force-pushed: its old head is no longer in the repository.
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Git("commit -q --amend -m \"payments: refunds, rewritten\"");
        shop.Repo.Git("checkout -q main");
        var rewritten = await PostAsync(ci, "acme/shop", "main", oldHead);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rewritten.StatusCode);
        var problem = JsonNode.Parse(await rewritten.Content.ReadAsStringAsync())!;
        Assert.Contains(oldHead, problem["detail"]!.ToString());
        Assert.Contains("rewritten", problem["detail"]!.ToString());
        Assert.Equal("head", problem["field"]!.ToString());

        // The branch is deleted.
        shop.Repo.Git($"branch -q -D {PolicyShop.Feature}");
        var deleted = await PostAsync(ci, "acme/shop", "main", PolicyShop.Feature);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, deleted.StatusCode);
        Assert.Contains($"head '{PolicyShop.Feature}'", await deleted.Content.ReadAsStringAsync());

        // main is rewritten: a base from its old history is not on the target branch.
        shop.Repo.Git("commit -q --amend -m \"Set up the shop, again\"");
        var offBranch = await PostAsync(ci, "acme/shop", oldMain, "main", targetBranch: "main");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, offBranch.StatusCode);
        Assert.Contains("is not on main", await offBranch.Content.ReadAsStringAsync());

        // The remote goes away: 503, recorded on the repository.
        Directory.Move(Path.Combine(shop.Path, ".git"), Path.Combine(shop.Path, "moved.git"));
        var down = await PostAsync(ci, "acme/shop", "main", "main");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("cannot fetch acme/shop", await down.Content.ReadAsStringAsync());
        var repository = (await ci.GetFromJsonAsync<RepositoryView>("api/v1/repositories/acme/shop", TestServer.Json))!;
        Assert.Equal("failed", repository.FetchOutcome);
        Assert.False(string.IsNullOrEmpty(repository.FetchError));
        Directory.Move(Path.Combine(shop.Path, "moved.git"), Path.Combine(shop.Path, ".git"));
    }

    [Theory]
    [InlineData("ext::sh%-c%touch%/tmp/pwned", null, "transport helpers")]
    [InlineData("--upload-pack=touch /tmp/pwned", null, "spaces")]
    [InlineData("-oProxyCommand=x", null, "'-'")]
    [InlineData("ssh://-oProxyCommand=x/repo", null, "'-'")]
    [InlineData("http://example.com/acme/shop.git", null, "loopback")]
    [InlineData("https://bot:hunter2@example.com/acme/shop.git", null, "password")]
    [InlineData("https://example.com/acme/shop.git", "ghp_secretvalue", "reference")]
    [InlineData("gopher://example.com/shop", null, "not allowed")]
    public async Task Registrations_that_git_could_misuse_or_that_carry_a_secret_are_refused(string url, string? credential, string expected)
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync("api/v1/repositories", new RepositoryRegistration("acme/shop", url, credential), TestServer.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        Assert.Empty((await admin.GetFromJsonAsync<List<RepositoryView>>("api/v1/repositories", TestServer.Json))!);
    }

    [Fact]
    public async Task Only_an_admin_registers_a_repository_and_the_registration_is_audited()
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var ci = server.Client(await server.TokenAsync("ci"));
        var registration = new RepositoryRegistration("acme/shop", "https://git.example.com/acme/shop.git", "env:SHOP_TOKEN");
        Assert.Equal(HttpStatusCode.Forbidden, (await ci.PostAsJsonAsync("api/v1/repositories", registration, TestServer.Json)).StatusCode);

        var view = await RegisterAsync(server, registration.Name, registration.Url, registration.Credential);
        Assert.Equal("env:SHOP_TOKEN", view.Credential);
        Assert.Null(view.FetchedAt);
        using var admin = server.Client();
        var audit = JsonNode.Parse(await admin.GetStringAsync("api/v1/audit?kind=repository"))!["items"]!.AsArray();
        var record = Assert.Single(audit);
        Assert.Equal("repository.registered", record!["kind"]!.ToString());
        Assert.Equal("env:SHOP_TOKEN", record["content"]!["credential"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await ci.GetAsync("api/v1/repositories/acme/unknown")).StatusCode);
        Assert.True(JsonNode.Parse(await admin.GetStringAsync("api/v1/audit/verify"))!["valid"]!.GetValue<bool>());
    }

    private static async Task<TestServer> StartAsync(Store store)
    {
        var server = await TestServer.StartAsync(store, configure: o => o with
        {
            Mirrors = new MirrorOptions { Directory = TempGitRepo.NewTempDirectory("mirrors"), FetchInterval = TimeSpan.Zero },
        });
        await server.ImportOrgAsync(PolicyShop.Org);
        return server;
    }

    internal static async Task<RepositoryView> RegisterAsync(TestServer server, string name, string url, string? credential = null)
    {
        using var admin = server.Client();
        var response = await admin.PostAsJsonAsync("api/v1/repositories", new RepositoryRegistration(name, url, credential), TestServer.Json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (await response.Content.ReadFromJsonAsync<RepositoryView>(TestServer.Json))!;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string repository, string @base, string head, string? targetBranch = null) =>
        client.PostAsJsonAsync("api/v1/changes", new ChangeBuildRequest(repository, Key, @base, head) { TargetBranch = targetBranch }, TestServer.Json);

    private static async Task<ChangeView> BuildAsync(HttpClient client, string repository, string @base, string head)
    {
        var response = await PostAsync(client, repository, @base, head);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return (await response.Content.ReadFromJsonAsync<ChangeView>(TestServer.Json))!;
    }

    /// <summary>The server's decision, explanation and facts in brief are those local check prints for the same change.</summary>
    internal static void AssertSameAsLocalCheck(PolicyShop shop, ChangeView view)
    {
        var local = shop.Check("--json");
        Assert.Equal(1, local.ExitCode);
        var mine = JsonNode.Parse(local.Stdout)!;
        var server = view.Result!;
        Assert.Equal(mine["status"]!.ToString(), server["status"]!.ToString());
        Assert.Equal(mine["summary"]!.ToString(), server["summary"]!.ToString());
        Assert.True(JsonNode.DeepEquals(mine["rules"], server["rules"]), $"local: {mine["rules"]}\nserver: {server["rules"]}");
        Assert.True(JsonNode.DeepEquals(mine["change"], server["change"]), $"local: {mine["change"]}\nserver: {server["change"]}");
    }
}
