using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Dashboard.Tests;

/// <summary>
/// The change page over plain HTTP, signed in as a reviewer the way a browser is (cookie and antiforgery token): the
/// sign-off form refuses text no store can keep with a 400 and records nothing, and a requirement nobody in the
/// directory can satisfy is explained on the page, its untrusted parts (a file name) shown as text.
/// </summary>
public sealed class ChangePageTests
{
    /// <summary>A file name a pull request's author chose: markup if a page ever wrote it raw.</summary>
    private const string HostileFile = "docs/<img src=x onerror=window.__pwned=1>.md";

    private const string DocsNeedCatalogOwners = """
        version: 1
        protected_branches: [main]
        rules:
          - name: docs-owners
            if: {paths: {any: ["docs/"]}}
            requires:
              from: {owners: [affected]}
        """;

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_nul_in_the_sign_off_forms_comment_is_a_400_and_records_nothing(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        var change = await ReadAsync<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/3"), TestServer.Json));
        using var erin = await SignInAsync(server, await server.TokenAsync("reviewer", "erin"));
        var page = await erin.GetStringAsync($"ui/changes/{change.Id}");

        var post = await erin.PostAsync($"ui/changes/{change.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["patchId"] = change.PatchId, ["kind"] = "approve", ["comment"] = "looks fine\0", ["__RequestVerificationToken"] = Antiforgery(page),
        }));

        var body = await post.Content.ReadAsStringAsync();
        Assert.True(post.StatusCode == HttpStatusCode.BadRequest, $"{(int)post.StatusCode}: {body}");
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        var detail = (string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["detail"];
        Assert.Contains("form field 'comment'", detail, StringComparison.Ordinal);
        Assert.Contains("U+0000", detail, StringComparison.Ordinal);
        var stored = await ReadAsync<ChangeView>(await ci.GetAsync($"api/v1/changes/{change.Id}"));
        Assert.Empty(stored.SignOffs);

        // The same form without the NUL is recorded: the refusal was about the character, not the form.
        var clean = await erin.PostAsync($"ui/changes/{change.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["patchId"] = change.PatchId, ["kind"] = "approve", ["comment"] = "looks fine", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        Assert.True(clean.IsSuccessStatusCode, await clean.Content.ReadAsStringAsync());
        Assert.Single((await ReadAsync<ChangeView>(await ci.GetAsync($"api/v1/changes/{change.Id}"))).SignOffs);
    }

    [Fact]
    public async Task A_requirement_nobody_can_satisfy_is_explained_on_the_change_page_with_its_file_names_as_text()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create(DocsNeedCatalogOwners);
        shop.Repo.Git("checkout -q -b docs/hostile main");
        shop.Repo.Commit("docs: a page", new Dictionary<string, string> { [HostileFile] = "# hi\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        using var ci = server.Client(await server.TokenAsync("ci"));
        var change = await ReadAsync<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/4", "docs/hostile"), TestServer.Json));
        var nobody = change.Result!["rules"]![0]!["requirement"]!["nobody"]!;
        Assert.Contains("no catalog component owns " + HostileFile, (string)nobody["reason"]!, StringComparison.Ordinal);

        using var erin = await SignInAsync(server, await server.TokenAsync("reviewer", "erin"));
        var html = await erin.GetStringAsync($"ui/changes/{change.Id}");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains($"Nobody can give this sign-off: no catalog component owns {HostileFile}. ", text, StringComparison.Ordinal);
        Assert.Contains("catalog-info.yaml", text, StringComparison.Ordinal);
    }

    /// <summary>A client signed in to the dashboard with a token, as the login form does it.</summary>
    private static async Task<HttpClient> SignInAsync(TestServer server, string token)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };
        var login = await client.GetStringAsync("ui/login");
        var signIn = await client.PostAsync("ui/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["returnUrl"] = "/ui", ["__RequestVerificationToken"] = Antiforgery(login),
        }));
        Assert.True(signIn.IsSuccessStatusCode, await signIn.Content.ReadAsStringAsync());
        return client;
    }

    private static string Antiforgery(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, TestServer.Json)!;
    }
}
