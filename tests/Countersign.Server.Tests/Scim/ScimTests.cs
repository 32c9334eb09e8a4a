using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Scim;

/// <summary>
/// SCIM provisioning against a real server over HTTP, on SQLite and PostgreSQL: users become people (with levels), deactivation takes
/// them out of the directory, groups become teams, and every write is audited.
/// </summary>
public sealed class ScimTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Created_user_is_a_person_with_the_level_from_the_enterprise_attribute(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var response = await SendAsync(client, HttpMethod.Post, "/scim/v2/Users", User("Alice.Liddell@example.com", "Senior", given: "Alice", family: "Liddell"));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("application/scim+json", response.ContentType);
        var id = (string)response.Body!["id"]!;
        Assert.Equal(32, id.Length);
        Assert.Equal($"{client.BaseAddress}scim/v2/Users/{id}", response.Location);
        Assert.Equal("User", (string)response.Body["meta"]!["resourceType"]!);
        Assert.NotNull(response.Body["meta"]!["created"]);
        Assert.NotNull(response.Body["meta"]!["lastModified"]);
        Assert.Equal("senior", (string)response.Body[Enterprise]!["employeeType"]!);

        var person = await OrgPersonAsync(client, "alice.liddell");
        Assert.NotNull(person);
        Assert.Equal("Alice Liddell", (string)person["name"]!);
        Assert.Equal("senior", (string)person["level"]!);
        Assert.Contains("Alice.Liddell@example.com", person["emails"]!.AsArray().Select(e => (string)e!));

        var fetched = await SendAsync(client, HttpMethod.Get, $"/scim/v2/Users/{id}");
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal("Alice.Liddell@example.com", (string)fetched.Body!["userName"]!);
        Assert.True((bool)fetched.Body["active"]!);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Unknown_level_leaves_the_person_without_a_level_and_ids_are_made_unique(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var first = await SendAsync(client, HttpMethod.Post, "/scim/v2/Users", User("sam@one.example", "Wizard"));
        var second = await SendAsync(client, HttpMethod.Post, "/scim/v2/Users", User("sam@two.example", "junior"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        var sam = await OrgPersonAsync(client, "sam");
        Assert.NotNull(sam);
        Assert.Null(sam["level"]);
        Assert.Equal("junior", (string)(await OrgPersonAsync(client, "sam2"))!["level"]!);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_user_with_the_email_of_an_existing_person_is_linked_to_that_person(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        const string Org = """
            levels: [junior, senior]
            teams:
              - id: payments
            people:
              - id: dana
                name: Dana Scully
                emails: [dana@acme.test]
                github: dscully
                level: junior
                teams: [payments]
            """;
        await server.ImportOrgAsync(Org);

        var user = User("dscully@corp.example", "SENIOR", given: "Dana", family: "Scully");
        user["emails"] = new JsonArray(new JsonObject { ["value"] = "dscully@corp.example" }, new JsonObject { ["value"] = "DANA@acme.test", ["primary"] = true });
        var created = await SendAsync(client, HttpMethod.Post, "/scim/v2/Users", user);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var dana = (await OrgPersonAsync(client, "dana"))!;
        Assert.Equal("senior", (string)dana["level"]!);
        Assert.Equal("dscully", (string)dana["gitHub"]!);
        Assert.Equal(["payments"], Teams(dana));
        Assert.Null(await OrgPersonAsync(client, "dscully"));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Okta_style_patch_deactivates_the_person(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var id = await CreateUserAsync(client, "bob@example.com");
        Assert.NotNull(await OrgPersonAsync(client, "bob"));

        var patch = await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Users/{id}", Patch(new JsonObject { ["op"] = "replace", ["value"] = new JsonObject { ["active"] = false } }));

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.False((bool)patch.Body!["active"]!);
        Assert.Null(await OrgPersonAsync(client, "bob"));
        var fetched = await SendAsync(client, HttpMethod.Get, $"/scim/v2/Users/{id}");
        Assert.False((bool)fetched.Body!["active"]!);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Entra_style_patch_deactivates_and_reactivates_the_person(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var id = await CreateUserAsync(client, "carol@example.com");

        var off = await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Users/{id}", Patch(new JsonObject { ["op"] = "Replace", ["path"] = "active", ["value"] = false }));
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Null(await OrgPersonAsync(client, "carol"));

        // Entra ID has been known to send booleans as strings.
        var on = await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Users/{id}", Patch(new JsonObject { ["op"] = "Replace", ["path"] = "active", ["value"] = "True" }));
        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.NotNull(await OrgPersonAsync(client, "carol"));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Patch_changes_level_name_and_work_email(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var id = await CreateUserAsync(client, "dave@example.com");

        var patch = await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Users/{id}", Patch(
            new JsonObject { ["op"] = "replace", ["path"] = $"{Enterprise}:employeeType", ["value"] = "STAFF" },
            new JsonObject { ["op"] = "replace", ["path"] = "displayName", ["value"] = "David Bowman" },
            new JsonObject { ["op"] = "replace", ["path"] = "emails[type eq \"work\"].value", ["value"] = "dbowman@example.com" }));

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        var person = (await OrgPersonAsync(client, "dave"))!;
        Assert.Equal("staff", (string)person["level"]!);
        Assert.Equal("David Bowman", (string)person["name"]!);
        Assert.Equal(["dbowman@example.com"], person["emails"]!.AsArray().Select(e => (string)e!));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Groups_set_and_clear_the_members_teams(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var erin = await CreateUserAsync(client, "erin@example.com");
        var frank = await CreateUserAsync(client, "frank@example.com");

        var created = await SendAsync(client, HttpMethod.Post, "/scim/v2/Groups", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"),
            ["displayName"] = "Platform Team",
            ["members"] = new JsonArray(new JsonObject { ["value"] = erin }),
        });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Group", (string)created.Body!["meta"]!["resourceType"]!);
        var group = (string)created.Body["id"]!;
        Assert.Equal(["platform-team"], Teams(await OrgPersonAsync(client, "erin")));
        Assert.Empty(Teams(await OrgPersonAsync(client, "frank")));
        Assert.Contains(await OrgTeamsAsync(client), t => (string)t!["id"]! == "platform-team" && (string)t["name"]! == "Platform Team");

        var add = await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Groups/{group}", Patch(
            new JsonObject { ["op"] = "add", ["path"] = "members", ["value"] = new JsonArray(new JsonObject { ["value"] = frank }) }));
        Assert.Equal(HttpStatusCode.OK, add.Status);
        Assert.Equal(["platform-team"], Teams(await OrgPersonAsync(client, "frank")));

        var remove = await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Groups/{group}", Patch(
            new JsonObject { ["op"] = "remove", ["path"] = $"members[value eq \"{erin}\"]" }));
        Assert.Equal(HttpStatusCode.OK, remove.Status);
        Assert.Empty(Teams(await OrgPersonAsync(client, "erin")));
        Assert.Equal(["platform-team"], Teams(await OrgPersonAsync(client, "frank")));
        Assert.Equal([frank], remove.Body!["members"]!.AsArray().Select(m => (string)m!["value"]!));

        // Entra ID removes with a value list.
        var entraRemove = await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Groups/{group}", Patch(
            new JsonObject { ["op"] = "Remove", ["path"] = "members", ["value"] = new JsonArray(new JsonObject { ["value"] = frank }) }));
        Assert.Equal(HttpStatusCode.OK, entraRemove.Status);
        Assert.Empty(Teams(await OrgPersonAsync(client, "frank")));

        var byName = await SendAsync(client, HttpMethod.Get, "/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"platform team\""));
        Assert.Equal(1, (int)byName.Body!["totalResults"]!);

        var deleted = await SendAsync(client, HttpMethod.Delete, $"/scim/v2/Groups/{group}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Get, $"/scim/v2/Groups/{group}")).Status);
        Assert.DoesNotContain(await OrgTeamsAsync(client), t => (string)t!["id"]! == "platform-team");
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Filter_on_userName_finds_the_user_and_unsupported_filters_are_refused(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var id = await CreateUserAsync(client, "grace@example.com");
        await CreateUserAsync(client, "heidi@example.com");

        var found = await SendAsync(client, HttpMethod.Get, "/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"GRACE@example.com\""));
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", (string)found.Body!["schemas"]![0]!);
        Assert.Equal(1, (int)found.Body["totalResults"]!);
        Assert.Equal(id, (string)found.Body["Resources"]![0]!["id"]!);

        var none = await SendAsync(client, HttpMethod.Get, "/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"nobody@example.com\""));
        Assert.Equal(0, (int)none.Body!["totalResults"]!);

        var all = await SendAsync(client, HttpMethod.Get, "/scim/v2/Users?startIndex=2&count=1");
        Assert.Equal(2, (int)all.Body!["totalResults"]!);
        Assert.Equal(1, (int)all.Body["itemsPerPage"]!);
        Assert.Equal(2, (int)all.Body["startIndex"]!);

        var unsupported = await SendAsync(client, HttpMethod.Get, "/scim/v2/Users?filter=" + Uri.EscapeDataString("userName co \"grace\""));
        AssertScimError(unsupported, HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Duplicate_userName_is_a_409_scim_error(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        await CreateUserAsync(client, "ivan@example.com");

        var duplicate = await SendAsync(client, HttpMethod.Post, "/scim/v2/Users", User("IVAN@example.com", null));

        AssertScimError(duplicate, HttpStatusCode.Conflict, "uniqueness");
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Delete_takes_the_person_out_and_the_user_is_gone(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var id = await CreateUserAsync(client, "judy@example.com");

        var deleted = await SendAsync(client, HttpMethod.Delete, $"/scim/v2/Users/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Null(await OrgPersonAsync(client, "judy"));
        AssertScimError(await SendAsync(client, HttpMethod.Get, $"/scim/v2/Users/{id}"), HttpStatusCode.NotFound, null);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Unauthenticated_requests_get_401_as_a_scim_error(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var anonymous = server.Client(token: null);

        var response = await SendAsync(anonymous, HttpMethod.Get, "/scim/v2/Users");

        AssertScimError(response, HttpStatusCode.Unauthorized, null);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_ci_token_gets_403(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var token = await SendAsync(client, HttpMethod.Post, "/api/v1/tokens", new JsonObject { ["name"] = "ci", ["scope"] = "ci" }, contentType: "application/json");
        Assert.Equal(HttpStatusCode.Created, token.Status);
        using var ci = server.Client((string)token.Body!["secret"]!);

        var response = await SendAsync(ci, HttpMethod.Post, "/scim/v2/Users", User("mallory@example.com", "principal"));

        AssertScimError(response, HttpStatusCode.Forbidden, null);
        Assert.Null(await OrgPersonAsync(client, "mallory"));
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Every_write_appends_an_audit_record(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var id = await CreateUserAsync(client, "kim@example.com");
        var renamed = User("kim@example.com", "mid");
        renamed["displayName"] = "Kim Wexler";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/scim/v2/Users/{id}", renamed)).Status);
        await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Users/{id}", Patch(new JsonObject { ["op"] = "replace", ["value"] = new JsonObject { ["active"] = false } }));
        var group = (string)(await SendAsync(client, HttpMethod.Post, "/scim/v2/Groups", new JsonObject { ["displayName"] = "Ops" })).Body!["id"]!;
        await SendAsync(client, HttpMethod.Patch, $"/scim/v2/Groups/{group}", Patch(new JsonObject { ["op"] = "replace", ["path"] = "displayName", ["value"] = "Operations" }));
        await SendAsync(client, HttpMethod.Delete, $"/scim/v2/Groups/{group}");
        await SendAsync(client, HttpMethod.Delete, $"/scim/v2/Users/{id}");

        var audit = await SendAsync(client, HttpMethod.Get, "/api/v1/audit?kind=scim");

        Assert.Equal(HttpStatusCode.OK, audit.Status);
        var kinds = audit.Body!["items"]!.AsArray().Select(i => (string)i!["kind"]!).ToList();
        Assert.Equal(
            ["scim.user-created", "scim.user-updated", "scim.user-deactivated", "scim.group-created", "scim.group-updated", "scim.group-deleted", "scim.user-deleted"],
            kinds);
        var verify = await SendAsync(client, HttpMethod.Get, "/api/v1/audit/verify");
        Assert.True((bool)verify.Body!["valid"]!);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Discovery_documents_are_served(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        using var client = server.Client();
        var config = await SendAsync(client, HttpMethod.Get, "/scim/v2/ServiceProviderConfig");
        Assert.Equal(HttpStatusCode.OK, config.Status);
        Assert.True((bool)config.Body!["patch"]!["supported"]!);

        var types = await SendAsync(client, HttpMethod.Get, "/scim/v2/ResourceTypes");
        Assert.Equal(["User", "Group"], types.Body!["Resources"]!.AsArray().Select(t => (string)t!["id"]!));

        var schemas = await SendAsync(client, HttpMethod.Get, "/scim/v2/Schemas");
        Assert.Contains(schemas.Body!["Resources"]!.AsArray(), s => (string)s!["id"]! == Enterprise);
    }

    private static JsonObject User(string userName, string? level, string? given = null, string? family = null)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(CoreUser, Enterprise),
            ["userName"] = userName,
            ["name"] = new JsonObject { ["givenName"] = given ?? "Given", ["familyName"] = family ?? "Family" },
            ["emails"] = new JsonArray(new JsonObject { ["value"] = userName, ["type"] = "work", ["primary"] = true }),
            ["active"] = true,
        };
        if (level is not null)
        {
            user[Enterprise] = new JsonObject { ["employeeType"] = level };
        }

        return user;
    }

    private static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(PatchOp),
        ["Operations"] = new JsonArray([.. operations]),
    };

    private static async Task<string> CreateUserAsync(HttpClient client, string userName)
    {
        var response = await SendAsync(client, HttpMethod.Post, "/scim/v2/Users", User(userName, null));
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return (string)response.Body!["id"]!;
    }

    private static async Task<JsonObject?> OrgPersonAsync(HttpClient client, string id)
    {
        var org = await SendAsync(client, HttpMethod.Get, "/api/v1/org");
        Assert.Equal(HttpStatusCode.OK, org.Status);
        return org.Body!["people"]!.AsArray().OfType<JsonObject>().FirstOrDefault(p => (string)p["id"]! == id);
    }

    private static async Task<JsonArray> OrgTeamsAsync(HttpClient client)
    {
        var org = await SendAsync(client, HttpMethod.Get, "/api/v1/org");
        return org.Body!["teams"]!.AsArray();
    }

    private static List<string> Teams(JsonObject? person) =>
        person?["teams"] is JsonArray teams ? teams.Select(t => (string)t!).ToList() : [];

    private static void AssertScimError(Reply reply, HttpStatusCode status, string? scimType)
    {
        Assert.Equal(status, reply.Status);
        Assert.Equal("application/scim+json", reply.ContentType);
        Assert.Equal(ErrorSchema, (string)reply.Body!["schemas"]![0]!);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), (string)reply.Body["status"]!);
        Assert.Equal(scimType, (string?)reply.Body["scimType"]);
        Assert.False(string.IsNullOrEmpty((string?)reply.Body["detail"]));
    }

    private static async Task<Reply> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject? body = null, string contentType = "application/scim+json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Reply(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.Location?.ToString(),
            text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    private sealed record Reply(HttpStatusCode Status, string? ContentType, string? Location, JsonObject? Body);
}
