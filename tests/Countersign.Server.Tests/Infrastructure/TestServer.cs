using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Infrastructure;

public enum Store
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A real server in this process, listening on 127.0.0.1 on a free port, on a fresh SQLite file or PostgreSQL
/// database, with a known admin token. Clients talk to it over real HTTP.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string AdminToken = "cst_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly string? tempDir;

    private TestServer(WebApplication app, Uri address, string database, string? tempDir)
    {
        App = app;
        Address = address;
        Database = database;
        this.tempDir = tempDir;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>The database setting (SQLite path or PostgreSQL connection string), for a second server or the CLI.</summary>
    public string Database { get; }

    public static async Task<string> NewDatabaseAsync(Store store) => store == Store.Sqlite
        ? Path.Combine(TempGitRepo.NewTempDirectory("cs-server"), "server.db")
        : await Postgres.NewDatabaseAsync();

    public static async Task<TestServer> StartAsync(
        Store store, string? database = null, Func<ServerOptions, ServerOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var owned = database is null;
        database ??= await NewDatabaseAsync(store);
        var options = new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = database,
            AdminToken = AdminToken,
            // The test process's stdout carries the xunit runner's messages: the in-process server must not write to it.
            LogLevel = Microsoft.Extensions.Logging.LogLevel.None,
        };
        var app = await ServerHost.CreateAsync(configure is null ? options : configure(options), services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, new Uri(address + "/"), database, store == Store.Sqlite && owned ? Path.GetDirectoryName(database) : null);
    }

    public HttpClient Client(string? token = AdminToken)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Creates a token with the admin token and returns its secret.</summary>
    public async Task<string> TokenAsync(string scope, string? person = null, string name = "test")
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("api/v1/tokens", new { name, scope, person });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["secret"]!.GetValue<string>();
    }

    public async Task ImportOrgAsync(string yaml)
    {
        using var client = Client();
        var response = await client.PutAsync("api/v1/org", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (tempDir is not null)
        {
            try
            {
                Directory.Delete(tempDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: leave it in the temp folder.
            }
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServerHost.ConfigureJson(options);
        return options;
    }
}
