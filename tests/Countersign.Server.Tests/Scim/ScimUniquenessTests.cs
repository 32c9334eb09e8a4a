using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Api;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Scim;

/// <summary>
/// Issue 11's attack over real HTTP: an admin gives a reviewer the author's e-mail over SCIM so the author resolves to
/// nobody and approves their own change. Every path into the directory refuses a shared identity with one check.
/// </summary>
public sealed class ScimUniquenessTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Scim_patch_giving_a_reviewer_the_authors_email_is_409_uniqueness_and_the_author_still_cannot_approve(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var admin = server.Client();
        var erin = await CreateAsync(admin, User("erin@acme.test", "senior"));
        Assert.Equal(HttpStatusCode.Created, erin.Status);

        var patch = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            ["Operations"] = new JsonArray(new JsonObject
            {
                ["op"] = "replace",
                ["value"] = new JsonObject { ["emails"] = new JsonArray(new JsonObject { ["value"] = "DANA@acme.test" }) },
            }),
        };
        var patched = await SendAsync(admin, HttpMethod.Patch, $"scim/v2/Users/{erin.Body!["id"]}", patch);

        AssertUniqueness(patched, "dana@acme.test");
        Assert.Equal(["erin@acme.test"], (await PersonAsync(admin, "erin"))!["emails"]!.AsArray().Select(e => (string)e!));

        // The author still resolves to herself, so her own approval is refused and stores nothing.
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var dana = server.Client(await server.TokenAsync("reviewer", "dana"));
        var change = await ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/11"), TestServer.Json));
        Assert.Equal("dana", change.AuthorId);
        var own = await dana.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, change.PatchId), TestServer.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, own.StatusCode);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Scim_post_and_put_of_a_user_sharing_an_email_or_a_noreply_address_are_409_uniqueness(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var admin = server.Client();
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(admin, User("dana@acme.test", "junior"))).Status);

        var mallory = User("mallory@corp.example", "senior");
        mallory["emails"] = new JsonArray(new JsonObject { ["value"] = "mallory@corp.example", ["primary"] = true }, new JsonObject { ["value"] = "Dana@Acme.Test" });
        AssertUniqueness(await CreateAsync(admin, mallory), "Dana@Acme.Test");

        // Erin's GitHub login is erin-s: its no-reply address is Erin's identity too.
        var noreply = User("nora@corp.example", "senior");
        noreply["emails"] = new JsonArray(new JsonObject { ["value"] = "98765+Erin-S@users.noreply.github.com", ["primary"] = true });
        AssertUniqueness(await CreateAsync(admin, noreply), "erin-s");

        var plain = await CreateAsync(admin, User("paula@corp.example", "senior"));
        Assert.Equal(HttpStatusCode.Created, plain.Status);
        var replaced = User("paula@corp.example", "senior");
        replaced["emails"] = new JsonArray(new JsonObject { ["value"] = "bob@acme.test" });
        AssertUniqueness(await SendAsync(admin, HttpMethod.Put, $"scim/v2/Users/{plain.Body!["id"]}", replaced), "bob@acme.test");

        // Deactivating is always allowed, and nobody was created by the refused requests.
        var org = JsonNode.Parse(await admin.GetStringAsync("api/v1/org"))!["people"]!.AsArray();
        Assert.DoesNotContain(org, p => (string)p!["id"]! is "mallory" or "nora");
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Put_org_refuses_a_person_sharing_an_email_with_a_person_provisioned_over_scim(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var admin = server.Client();
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(admin, User("quinn@corp.example", "senior"))).Status);

        var yaml = PolicyShop.Org.Replace("bots:", "  - id: eve\n    name: Eve\n    emails: [QUINN@corp.example]\n    level: senior\nbots:", StringComparison.Ordinal);
        Assert.Contains("id: eve", yaml, StringComparison.Ordinal);
        var response = await admin.PutAsync("api/v1/org", new StringContent(yaml, Encoding.UTF8, "application/yaml"), TestContext.Current.CancellationToken);

        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is already listed for person 'quinn' (provisioned over SCIM)", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Null(await PersonAsync(admin, "eve"));
    }

    private static void AssertUniqueness((HttpStatusCode Status, JsonObject? Body) reply, string identity)
    {
        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("uniqueness", (string?)reply.Body!["scimType"]);
        Assert.Contains(identity, (string?)reply.Body["detail"], StringComparison.OrdinalIgnoreCase);
    }

    private static JsonObject User(string userName, string level) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", Enterprise),
        ["userName"] = userName,
        ["emails"] = new JsonArray(new JsonObject { ["value"] = userName, ["primary"] = true }),
        ["active"] = true,
        [Enterprise] = new JsonObject { ["employeeType"] = level },
    };

    private static Task<(HttpStatusCode Status, JsonObject? Body)> CreateAsync(HttpClient client, JsonObject user) =>
        SendAsync(client, HttpMethod.Post, "scim/v2/Users", user);

    private static async Task<JsonObject?> PersonAsync(HttpClient client, string id) =>
        JsonNode.Parse(await client.GetStringAsync("api/v1/org"))!["people"]!.AsArray().OfType<JsonObject>().FirstOrDefault(p => (string)p["id"]! == id);

    internal static async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/scim+json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }
}
