using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Api;

/// <summary>
/// What a hostile or careless client sends is answered with a 4xx that names the problem, on both stores alike — never
/// a 5xx, and never the 503 that would let <c>--fail-open</c> clients pass.
/// </summary>
public sealed class HostileInputTests
{
    private const int OverLimit = 33 * 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_32_MiB_is_413_problem_details_with_or_without_a_content_length(bool chunked)
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        var token = await server.TokenAsync("ci");

        var (status, body) = await RawPostAsync(server.Address, "/api/v1/changes", token, OverLimit, chunked);

        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", body, StringComparison.Ordinal);
        Assert.Contains("32 MiB", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"repository\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"repository\":\"a\",\"repository\":\"b\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2,3]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("repository=a", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_json_or_a_wrong_content_type_is_a_4xx_problem(string body, string type, HttpStatusCode expected)
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        using var ci = server.Client(await server.TokenAsync("ci"));

        using var response = await ci.PostAsync("api/v1/changes", new StringContent(body, Encoding.UTF8, type), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task Nul_and_lone_surrogates_anywhere_are_400_naming_the_field_on_both_stores(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        using var admin = server.Client();
        var registration = ShopChange.Registration(shop, "pr/5");
        var ct = TestContext.Current.CancellationToken;

        var title = await ci.PostAsJsonAsync("api/v1/changes", registration with { Facts = registration.Facts with { Title = "refunds\0" } }, TestServer.Json, ct);
        await AssertInvalidAsync(title, "facts.title");

        var key = await ci.PostAsJsonAsync("api/v1/changes", registration with { Facts = registration.Facts with { Key = "pr/\0" } }, TestServer.Json, ct);
        await AssertInvalidAsync(key, "facts.key");

        var change = await ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", registration, TestServer.Json, ct));
        var comment = await erin.PostAsync($"api/v1/changes/{change.Id}/signoffs", Json($"{{\"kind\":\"approve\",\"patchId\":\"{change.PatchId}\",\"comment\":\"ok\\u0000\"}}"), ct);
        await AssertInvalidAsync(comment, "comment");

        var surrogate = await erin.PostAsync($"api/v1/changes/{change.Id}/signoffs", Json($"{{\"kind\":\"approve\",\"patchId\":\"{change.PatchId}\",\"comment\":\"\\ud800\"}}"), ct);
        await AssertInvalidAsync(surrogate, "comment");

        await AssertInvalidAsync(await ci.GetAsync("api/v1/changes?repository=acme%00shop", ct), "repository");
        await AssertInvalidAsync(await ci.GetAsync("api/v1/changes/lookup?repository=acme/shop&key=pr%2F5%00", ct), "key");
        await AssertInvalidAsync(await admin.PutAsync("api/v1/org", new StringContent("people:\n  - id: a\0b\n", Encoding.UTF8, "application/yaml"), ct), "body");

        var scimUser = await Scim.ScimUniquenessTests.SendAsync(admin, HttpMethod.Post, "scim/v2/Users", new JsonObject { ["userName"] = "eve\0@corp.example" });
        Assert.Equal(HttpStatusCode.BadRequest, scimUser.Status);
        Assert.Contains("userName", (string?)scimUser.Body!["detail"], StringComparison.Ordinal);
        var scimFilter = await Scim.ScimUniquenessTests.SendAsync(admin, HttpMethod.Get, "scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"eve\0\""));
        Assert.Equal(HttpStatusCode.BadRequest, scimFilter.Status);
        Assert.Equal("400", (string?)scimFilter.Body!["status"]);

        // Nothing of it was stored, and the server still answers.
        var stored = await ApiTests.Read<ChangeView>(await ci.GetAsync($"api/v1/changes/{change.Id}", ct));
        Assert.Empty(stored.SignOffs);
        Assert.Equal(1, (await ApiTests.Read<Page<QueueEntry>>(await ci.GetAsync("api/v1/changes", ct))).Total);
    }

    [Theory]
    [InlineData(Store.Sqlite, "2")]
    [InlineData(Store.Sqlite, "\"2\"")]
    [InlineData(Store.Sqlite, "\"approve \"")]
    [InlineData(Store.Sqlite, "\"Approve\"")]
    [InlineData(Store.Sqlite, "\"BreakGlass\"")]
    [InlineData(Store.Postgres, "2")]
    public async Task A_sign_off_kind_other_than_a_documented_name_is_400_and_records_nothing(Store store, string kind)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erin = server.Client(await server.TokenAsync("reviewer", "erin"));
        var ct = TestContext.Current.CancellationToken;
        var change = await ApiTests.Read<ChangeView>(await ci.PostAsJsonAsync("api/v1/changes", ShopChange.Registration(shop, "pr/9"), TestServer.Json, ct));

        var response = await erin.PostAsync($"api/v1/changes/{change.Id}/signoffs", Json($"{{\"kind\":{kind},\"patchId\":\"{change.PatchId}\",\"comment\":\"glass broken for a long enough reason\"}}"), ct);

        var problem = await AssertInvalidAsync(response, "kind");
        Assert.Contains("approve, reject, break-glass", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty((await ApiTests.Read<ChangeView>(await ci.GetAsync($"api/v1/changes/{change.Id}", ct))).SignOffs);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Contains(field, (string?)problem["field"] ?? (string?)problem["detail"], StringComparison.Ordinal);
        return problem;
    }

    /// <summary>
    /// Posts <paramref name="length"/> bytes of one endless JSON string over a raw socket, reading the answer while still
    /// sending (the server answers as soon as the limit is crossed and then stops reading). Returns the status line and
    /// the rest of the response.
    /// </summary>
    private static async Task<(string Status, string Response)> RawPostAsync(Uri address, string path, string token, int length, bool chunked)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {length}";
        var head = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);

        var reader = Task.Run(async () =>
        {
            var received = new MemoryStream();
            var buffer = new byte[8192];
            try
            {
                int n;
                while ((n = await stream.ReadAsync(buffer)) > 0)
                {
                    received.Write(buffer, 0, n);
                    var text = Encoding.UTF8.GetString(received.ToArray());
                    if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && text.Contains('}', StringComparison.Ordinal))
                    {
                        break;
                    }
                }
            }
            catch (IOException)
            {
                // The server closed the connection after answering.
            }

            return Encoding.UTF8.GetString(received.ToArray());
        });

        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        var prefix = Encoding.ASCII.GetBytes("{\"repository\":\"");
        try
        {
            for (var sent = 0; sent < length && !reader.IsCompleted; sent += chunk.Length)
            {
                var piece = sent == 0 ? [.. prefix, .. chunk[prefix.Length..]] : chunk;
                var size = Math.Min(piece.Length, length - sent);
                if (chunked)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                }

                await stream.WriteAsync(piece.AsMemory(0, size));
                if (chunked)
                {
                    await stream.WriteAsync("\r\n"u8.ToArray());
                }
            }
        }
        catch (IOException)
        {
            // The server stopped reading: its answer is what the reader got.
        }

        var response = await reader.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var firstLine = response.Split("\r\n")[0];
        return (firstLine, response);
    }

}
