using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Core.Attestations;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Api;

/// <summary>The REST API over real HTTP, on SQLite and PostgreSQL.</summary>
public sealed class ApiTests
{
    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_change_is_registered_refused_to_its_author_signed_off_by_a_senior_and_attested(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        using var dana = server.Client(await server.TokenAsync("reviewer", "dana"));

        var registered = await Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/7"), TestServer.Json));
        Assert.Equal("pending", registered.Status);
        Assert.Equal(1, registered.Revision);
        Assert.Equal("dana", registered.AuthorId);
        Assert.Equal("junior", registered.AuthorLevel);
        Assert.Equal("ai", registered.Provenance);

        // Erin's queue holds the change; the whole queue too.
        var queue = await Read<Page<QueueEntry>>(await erin.GetAsync("api/v1/queue"));
        Assert.Contains(queue.Items, e => e.Id == registered.Id);
        using var admin = server.Client();
        Assert.Contains((await Read<Page<QueueEntry>>(await admin.GetAsync("api/v1/queue?team=payments"))).Items, e => e.Id == registered.Id);

        var refused = await dana.PostAsJsonAsync($"api/v1/changes/{registered.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, registered.PatchId), TestServer.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains("author", problem["reasons"]![0]!.ToString());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var stale = await erin.PostAsJsonAsync($"api/v1/changes/{registered.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, new string('a', 40)), TestServer.Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var signed = await erin.PostAsJsonAsync($"api/v1/changes/{registered.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, registered.PatchId, "Looks right <script>alert(1)</script>"), TestServer.Json);
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var response = await Read<SignOffResponse>(signed);
        Assert.Equal("satisfied", response.Change.Status);
        Assert.Equal("erin", response.SignOff.PersonId);
        Assert.Contains("ai-below-senior", response.SignOff.Rules);

        var decision = JsonNode.Parse(await ci.GetStringAsync($"api/v1/changes/{registered.Id}/decision"))!;
        Assert.Equal("satisfied", decision["status"]!.ToString());
        Assert.Empty((await Read<Page<QueueEntry>>(await erin.GetAsync("api/v1/queue"))).Items);

        // The attestation verifies offline with the published key and names the change, content, approver and rule.
        var key = await Read<AttestationKey>(await new HttpClient { BaseAddress = server.Address }.GetAsync("api/v1/attestations/key"));
        var envelope = JsonSerializer.Deserialize<DsseEnvelope>(await ci.GetStringAsync($"api/v1/signoffs/{response.SignOff.Id}/attestation"))!;
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key.PublicKeyPem);
        var statement = SignOffAttestation.Verify(envelope, publicKey, key.KeyId, out var why);
        Assert.True(statement is not null, why);
        Assert.Equal("pr/7", statement!["predicate"]!["change"]!.ToString());
        Assert.Equal(registered.PatchId, statement["predicate"]!["patchId"]!.ToString());
        Assert.Equal("erin", statement["predicate"]!["approver"]!.ToString());
        Assert.Equal("ai-below-senior", statement["predicate"]!["rule"]!.ToString());
        Assert.Equal(registered.HeadSha, statement["subject"]![0]!["digest"]!["gitCommit"]!.ToString());

        // Every state change is in the chain, and the chain verifies.
        var audit = await Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?limit=500"));
        var kinds = audit.Items.Select(e => e.Kind).ToList();
        Assert.Contains("change.registered", kinds);
        Assert.Contains("change.evaluated", kinds);
        Assert.Contains("signoff.approve", kinds);
        Assert.Contains("token.created", kinds);
        Assert.Contains("org.imported", kinds);
        Assert.DoesNotContain(audit.Items, e => e.Kind == "signoff.approve" && e.Content!["person"]!.ToString() == "dana");
        var verify = JsonNode.Parse(await admin.GetStringAsync("api/v1/audit/verify"))!;
        Assert.True(verify["valid"]!.GetValue<bool>(), verify.ToJsonString());
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_new_revision_dismisses_the_sign_off_given_for_the_old_content(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        var first = await Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/8"), TestServer.Json));
        Assert.Equal(HttpStatusCode.Created, (await erin.PostAsJsonAsync($"api/v1/changes/{first.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, first.PatchId), TestServer.Json)).StatusCode);

        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit("payments: partial refunds", new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\n\nfunc Refund(partial bool) {}\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        var second = await Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/8"), TestServer.Json));
        Assert.Equal(2, second.Revision);
        Assert.Equal("pending", second.Status);
        var revisions = JsonNode.Parse(await ci.GetStringAsync($"api/v1/changes/{first.Id}/revisions"))!.AsArray();
        Assert.Equal([first.PatchId, second.PatchId], revisions.Select(r => r!["patchId"]!.ToString()));
        Assert.NotEqual(first.PatchId, second.PatchId);
        Assert.NotNull(Assert.Single(second.SignOffs).DismissedAt);

        // Re-registering the same content is a read: no new revision, no new audit record.
        using var admin = server.Client();
        var before = (await Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?limit=500"))).Total;
        var again = await Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/8"), TestServer.Json));
        Assert.Equal(2, again.Revision);
        Assert.Equal(before, (await Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?limit=500"))).Total);
        var kinds = (await Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?limit=500&kind=signoff"))).Items.Select(e => e.Kind).ToList();
        Assert.Equal(["signoff.approve", "signoff.dismissed"], kinds);
    }

    [Fact]
    public async Task When_nobody_in_the_directory_can_give_a_sign_off_the_result_tree_says_why_and_what_to_add()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org.Replace("level: senior", "level: mid", StringComparison.Ordinal).Replace("level: staff", "level: mid", StringComparison.Ordinal));
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));

        var registered = await Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/8"), TestServer.Json));

        Assert.Equal("pending", registered.Status);
        var requirement = registered.Result!["rules"]![0]!["requirement"]!;
        Assert.Empty(requirement["candidates"]!.AsArray());
        Assert.Equal("no person at level senior or above in the org directory", requirement["nobody"]!["reason"]!.ToString());
        Assert.Contains("level: senior", requirement["nobody"]!["fix"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("nobody can give it", requirement["missing"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_blocks_and_a_staff_break_glass_passes_with_both_on_the_record()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        using var pat = server.Client(await server.TokenAsync("reviewer", "pat"));
        using var dana = server.Client(await server.TokenAsync("reviewer", "dana"));
        var change = await Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/11"), TestServer.Json));

        var rejected = await Read<SignOffResponse>(await erin.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Reject, change.PatchId, "retries without a bound"), TestServer.Json));
        Assert.Equal("rejected", rejected.Change.Status);

        // The author may not break the glass on her own change; a short reason is refused too.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await dana.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.BreakGlass, change.PatchId, "outage in payments, ship the fix"), TestServer.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await pat.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.BreakGlass, change.PatchId, "now"), TestServer.Json)).StatusCode);
        var glass = await Read<SignOffResponse>(await pat.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.BreakGlass, change.PatchId, "outage in payments, ship the fix"), TestServer.Json));
        Assert.Equal("satisfied", glass.Change.Status);
        Assert.Equal("break-glass", glass.SignOff.Rules.Single());

        using var admin = server.Client();
        var kinds = (await Read<Page<AuditEntry>>(await admin.GetAsync("api/v1/audit?kind=signoff&limit=50"))).Items.Select(e => e.Kind).ToList();
        Assert.Equal(["signoff.reject", "signoff.break-glass"], kinds);
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_that_names_the_field()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));

        var malformed = await ci.PostAsync("api/v1/changes", new StringContent("{\"repository\": \"x\", \"facts\": {\"key\": 5", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("$.facts.key", await malformed.Content.ReadAsStringAsync());

        var registration = ShopChange.Registration(shop, "pr/9");
        var badSha = await ci.PostAsJsonAsync("api/v1/changes", registration with { Facts = registration.Facts with { HeadSha = "not-a-sha" } }, TestServer.Json);
        Assert.Equal(HttpStatusCode.BadRequest, badSha.StatusCode);
        Assert.Contains("facts.headSha", await badSha.Content.ReadAsStringAsync());

        var badPolicy = await ci.PostAsJsonAsync("api/v1/changes", registration with { Policy = registration.Policy with { Text = "version: 1\nrules:\n  - name: x\n    requires: {count: many}\n" } }, TestServer.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPolicy.StatusCode);
        var policyProblem = await badPolicy.Content.ReadAsStringAsync();
        Assert.True(policyProblem.Contains("4:", StringComparison.Ordinal) && policyProblem.Contains("count", StringComparison.Ordinal), policyProblem);

        var wrongType = await ci.PostAsync("api/v1/changes", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        using var admin = server.Client();
        var badOrg = await admin.PutAsync("api/v1/org", new StringContent("people:\n  - id: x\n    level: wizard\n", Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badOrg.StatusCode);
        Assert.Contains("wizard", await badOrg.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await ci.GetAsync("api/v1/changes/424242")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ci.GetAsync("api/v1/changes?limit=100000")).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_stored_hashed_shown_once_revocable_and_failures_are_rate_limited()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        var secret = await server.TokenAsync("reviewer", "erin");
        using var admin = server.Client();
        var listed = await admin.GetStringAsync("api/v1/tokens");
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain(secret[4..], File.ReadAllText(server.Database, Encoding.Latin1));

        using var erin = server.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await erin.GetAsync("api/v1/whoami")).StatusCode);
        var id = JsonNode.Parse(listed)!.AsArray().Single(t => t!["person"]?.ToString() == "erin")!["id"]!.ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await erin.GetAsync("api/v1/whoami")).StatusCode);

        var unknown = await admin.PostAsJsonAsync("api/v1/tokens", new { name = "x", scope = "reviewer", person = "erinn" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("erin", await unknown.Content.ReadAsStringAsync());

        using var guesser = server.Client("cst_guess");
        HttpStatusCode last = HttpStatusCode.OK;
        for (var i = 0; i < 25; i++)
        {
            last = (await guesser.GetAsync("api/v1/whoami")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task Health_readiness_metrics_and_the_openapi_reference_are_served()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        using var anonymous = server.Client(null);
        Assert.Equal("ok\n", await anonymous.GetStringAsync("healthz"));
        Assert.Contains("\"ready\"", await anonymous.GetStringAsync("readyz"));
        var openapi = JsonNode.Parse(await anonymous.GetStringAsync("openapi/v1.json"))!;
        Assert.NotNull(openapi["paths"]!["/api/v1/changes"]);
        Assert.NotNull(openapi["paths"]!["/api/v1/changes/{id}/signoffs"]);
        Assert.NotNull(openapi["components"]!["securitySchemes"]!["bearer"]);
        var docs = await anonymous.GetAsync("docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("<html", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/1"), TestServer.Json);
        var metrics = await anonymous.GetStringAsync("metrics");
        Assert.Contains("countersign_decisions_total{status=\"pending\"}", metrics);
        Assert.Contains("countersign_queue_changes{status=\"pending\"} 1", metrics);
        Assert.Contains("http_requests_received_total", metrics);
        Assert.DoesNotContain(TestServer.AdminToken, metrics);
    }

    internal static async Task<T> Read<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, TestServer.Json)!;
    }
}
