using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Api;

/// <summary>
/// Defence in depth over real HTTP: the directory keeps identities unique, but the change's recorded author identity
/// can still belong to someone else — here the repository's .mailmap maps a commit made with Erin's address (or her
/// GitHub no-reply address) to Dana. Whoever shares an identity with the author never signs the change off, however
/// resolution turned out: the sign-off is refused with the reason and nothing is stored.
/// </summary>
public sealed class SharedIdentitySignOffTests
{
    [Theory]
    [InlineData(Store.Sqlite, "erin@acme.test", "e-mail 'erin@acme.test'")]
    [InlineData(Store.Sqlite, "4242+erin-s@users.noreply.github.com", "GitHub handle 'erin-s'")]
    [InlineData(Store.Postgres, "ERIN@acme.test", "e-mail")]
    public async Task A_sign_off_by_someone_sharing_an_identity_with_the_author_is_refused_and_nothing_is_stored(Store store, string commitEmail, string shared)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        shop.Repo.Commit("Map Dana's other address", new Dictionary<string, string> { [".mailmap"] = $"Dana Junior <dana@acme.test> <{commitEmail}>\n" }, author: PolicyShop.Pat);
        shop.Repo.Git("checkout -q -b feature/shared");
        shop.Repo.Commit("payments: partial refunds\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/partial.go"] = "package payments\n\nfunc Partial() {}\n" }, author: ("Dana Junior", commitEmail));
        shop.Repo.Git("checkout -q main");

        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        var change = await ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/7", "feature/shared"), TestServer.Json));
        Assert.Equal("dana", change.AuthorId);
        Assert.Equal("pending", change.Status);

        var response = await erin.PostAsJsonAsync($"api/v1/changes/{change.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, change.PatchId), TestServer.Json);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        var reasons = JsonNode.Parse(body)!["reasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains(reasons, r => r.Contains($"Erin Senior shares the {shared}", StringComparison.OrdinalIgnoreCase) && r.Contains("with the change's author", StringComparison.Ordinal));
        var stored = await ApiTests.Read<ChangeView>(await ci.GetAsync($"api/v1/changes/{change.Id}"));
        Assert.Empty(stored.SignOffs);
        Assert.Equal("pending", stored.Status);
    }
}
