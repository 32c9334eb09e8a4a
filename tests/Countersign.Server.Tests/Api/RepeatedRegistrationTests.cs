using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Evaluation;
using Countersign.Server.Repositories;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Api;

/// <summary>
/// A registration repeated while nothing changed (CI re-running check) is answered from one read, writes nothing and
/// reads exactly as the full path's answer; anything that changes the decision's inputs — a sign-off, the directory,
/// the policy, the head — is never answered from that cache.
/// </summary>
public sealed class RepeatedRegistrationTests
{
    private const string Key = "pr/7";

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task An_unchanged_registration_sent_again_is_answered_from_the_cache_writes_nothing_and_reads_as_the_full_path_does(Store store)
    {
        await using var server = await StartAsync(store);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        var body = Body(ShopChange.Registration(shop, Key));

        var first = await PostAsync(ci, body);
        Assert.Equal("pending", first["status"]!.ToString());
        var auditBefore = await AuditTotalAsync(server);
        var full = await PostAsync(ci, body);
        Assert.Equal(0, Answered(server));

        var repeated = await PostAsync(ci, body);
        Assert.Equal(1, Answered(server));
        Assert.True(JsonNode.DeepEquals(WithoutTimes(full), WithoutTimes(repeated)), $"full path: {full}\nrepeated: {repeated}");
        Assert.Equal("client", repeated["builtBy"]!.ToString());

        // Streamed without a length, as the CLI sends it: the same body, the same answer from the cache.
        var streamed = await ci.PostAsJsonAsync("api/v1/changes", JsonSerializer.Deserialize<ChangeRegistration>(body, TestServer.Json), TestServer.Json);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal(first["id"]!.GetValue<long>(), (await streamed.Content.ReadFromJsonAsync<ChangeView>(TestServer.Json))!.Id);
        Assert.Equal(auditBefore, await AuditTotalAsync(server));

        // The same content sent differently (other whitespace) is recognised by its documents, still without a write.
        var spaced = await PostAsync(ci, body.Replace(",\"", ", \"", StringComparison.Ordinal));
        Assert.Equal(first["revision"]!.GetValue<int>(), spaced["revision"]!.GetValue<int>());
        Assert.Equal(auditBefore, await AuditTotalAsync(server));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_new_sign_off_a_new_directory_version_and_a_new_policy_are_never_answered_from_the_cache(Store store)
    {
        await using var server = await StartAsync(store);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        var registration = ShopChange.Registration(shop, Key);
        var body = Body(registration);
        var registered = await CachedAsync(server, ci, body);
        Assert.Equal("pending", registered["status"]!.ToString());

        // A senior owner signs off: the same body now answers satisfied.
        var signed = await erin.PostAsJsonAsync($"api/v1/changes/{registered["id"]}/signoffs",
            new SignOffRequest(Core.SignOffs.SignOffKind.Approve, registered["patchId"]!.ToString()), TestServer.Json);
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var afterSignOff = await PostAsync(ci, body);
        Assert.Equal("satisfied", afterSignOff["status"]!.ToString());
        Assert.Single(afterSignOff["signOffs"]!.AsArray());
        Assert.Equal("satisfied", (await CachedAsync(server, ci, body))["status"]!.ToString());

        // The directory changes: Erin is no longer senior, so her approval no longer counts.
        await server.ImportOrgAsync(PolicyShop.Org.Replace("github: erin-s\n    level: senior", "github: erin-s\n    level: mid", StringComparison.Ordinal));
        var afterDirectory = await PostAsync(ci, body);
        Assert.Equal("pending", afterDirectory["status"]!.ToString());
        Assert.Equal("pending", (await CachedAsync(server, ci, body))["status"]!.ToString());

        // A new policy for the same content (the rule now only warns): recorded, and decided by the new policy.
        var auditBefore = await AuditTotalAsync(server);
        var warnOnly = registration with { Policy = registration.Policy with { Text = PolicyShop.Policy.Replace("  - name: ai-below-senior\n", "  - name: ai-below-senior\n    mode: warn\n", StringComparison.Ordinal) } };
        var afterPolicy = await PostAsync(ci, Body(warnOnly));
        Assert.Equal("satisfied", afterPolicy["status"]!.ToString());
        Assert.True(await AuditTotalAsync(server) > auditBefore);
        Assert.Equal(1, afterPolicy["revision"]!.GetValue<int>());

        // The old body again is the old policy again: a change, not a repeat.
        Assert.Equal("pending", (await PostAsync(ci, body))["status"]!.ToString());
    }

    [Fact]
    public async Task A_moved_head_sent_by_a_client_is_a_new_revision_not_a_cached_answer()
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        var cached = await CachedAsync(server, ci, Body(ShopChange.Registration(shop, Key)));
        Assert.Equal(1, cached["revision"]!.GetValue<int>());

        MoveFeature(shop);
        var moved = await PostAsync(ci, Body(ShopChange.Registration(shop, Key)));
        Assert.Equal(2, moved["revision"]!.GetValue<int>());
        Assert.Equal(shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim(), moved["headSha"]!.ToString());
    }

    [Fact]
    public async Task A_server_built_change_asked_again_is_answered_from_the_caches_and_a_pushed_head_is_built_at_the_next_fetch()
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        await Repositories.ServerBuiltChangeTests.RegisterAsync(server, ShopChange.Repository, $"file://{shop.Path}");
        var built = server.App.Services.GetRequiredService<ServerBuiltChanges>();
        var body = JsonSerializer.Serialize(new ChangeBuildRequest(ShopChange.Repository, Key, "main", PolicyShop.Feature), TestServer.Json);

        var first = await PostAsync(ci, body);
        await PostAsync(ci, body);
        var answered = Answered(server);
        var again = await PostAsync(ci, body);
        Assert.Equal(answered + 1, Answered(server));
        Assert.Equal(1, built.Builds);
        Assert.Equal("server", again["builtBy"]!.ToString());
        Assert.True(JsonNode.DeepEquals(WithoutTimes(first), WithoutTimes(again)), $"first: {first}\nagain: {again}");

        // The branch moves: the next request fetches (the interval is zero here), builds the new head and registers it.
        MoveFeature(shop);
        var moved = await PostAsync(ci, body);
        Assert.Equal(2, moved["revision"]!.GetValue<int>());
        Assert.Equal(shop.Repo.Git($"rev-parse {PolicyShop.Feature}").Trim(), moved["headSha"]!.ToString());
        Assert.Equal(2, built.Builds);
    }

    [Fact]
    public async Task A_fetch_that_moves_no_ref_keeps_the_mirror_generation_and_one_that_moves_a_ref_starts_a_new_one()
    {
        await using var server = await StartAsync(Store.Sqlite);
        using var shop = PolicyShop.Create();
        var repository = await Repositories.ServerBuiltChangeTests.RegisterAsync(server, ShopChange.Repository, $"file://{shop.Path}");
        var mirrors = server.App.Services.GetRequiredService<MirrorStore>();

        var first = (await mirrors.FetchAsync(repository, _ => false, CancellationToken.None)).OrThrow();
        var unchanged = (await mirrors.FetchAsync(repository, _ => false, CancellationToken.None)).OrThrow();
        Assert.Equal(first.Generation, unchanged.Generation);
        Assert.True(unchanged.At >= first.At);

        MoveFeature(shop);
        var moved = (await mirrors.FetchAsync(repository, _ => false, CancellationToken.None)).OrThrow();
        Assert.NotEqual(unchanged.Generation, moved.Generation);

        shop.Repo.Git($"branch -q -D {PolicyShop.Feature}");
        var deleted = (await mirrors.FetchAsync(repository, _ => false, CancellationToken.None)).OrThrow();
        Assert.NotEqual(moved.Generation, deleted.Generation);
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

    private static string Body(ChangeRegistration registration) => JsonSerializer.Serialize(registration, TestServer.Json);

    private static int Answered(TestServer server) => server.App.Services.GetRequiredService<RepeatedRegistrations>().Answered;

    /// <summary>Posts <paramref name="body"/> as it is (with its length) and returns the 200 answer.</summary>
    private static async Task<JsonNode> PostAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("api/v1/changes", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Posts <paramref name="body"/> until the answer comes from the cache (at most three times) and returns it.</summary>
    private static async Task<JsonNode> CachedAsync(TestServer server, HttpClient client, string body)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = Answered(server);
            var answer = await PostAsync(client, body);
            if (Answered(server) > before)
            {
                return answer;
            }
        }

        Assert.Fail("the registration was never answered from the cache");
        return null!;
    }

    private static async Task<long> AuditTotalAsync(TestServer server)
    {
        using var admin = server.Client();
        return JsonNode.Parse(await admin.GetStringAsync("api/v1/audit?limit=1"))!["total"]!.GetValue<long>();
    }

    private static void MoveFeature(PolicyShop shop)
    {
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit("payments: partial refunds\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/partial.go"] = "package payments\n\nfunc Partial() {}\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
    }

    /// <summary>The answer without what moves with the clock between two evaluations.</summary>
    private static JsonNode WithoutTimes(JsonNode answer)
    {
        var copy = answer.DeepClone();
        if (copy["result"] is JsonObject result)
        {
            result.Remove("evaluatedAt");
        }

        return copy;
    }
}
