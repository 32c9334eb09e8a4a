using System.Net;
using Countersign.Cli.Tests;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Tests.Api;

/// <summary>
/// The server's options come from the <c>Countersign</c> configuration section — appsettings.json, <c>COUNTERSIGN__…</c>
/// environment variables, and <c>serve</c>'s flags on top — and a wrong one stops the start with its name.
/// </summary>
public sealed class ServerConfigurationTests
{
    [Fact]
    public async Task A_value_from_appsettings_and_a_flag_both_reach_the_server()
    {
        var folder = TempGitRepo.NewTempDirectory("config-both");
        try
        {
            // appsettings.json lowers the authentication-failure limit; the "flag" (an override) chooses the database.
            await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), """{ "Countersign": { "MaxAuthFailuresPerMinute": 2, "Urls": "http://127.0.0.1:1" } }""");
            var database = Path.Combine(folder, "flag.db");
            var overrides = new Dictionary<string, string?>
            {
                ["Countersign:Database"] = database,
                ["Countersign:Urls"] = "http://127.0.0.1:0",
                ["Countersign:AdminToken"] = TestServer.AdminToken,
                ["Countersign:LogLevel"] = "None",
            };
            await using var app = await ServerHost.CreateAsync(folder, new Dictionary<string, string?> { ["Countersign:Database"] = Path.Combine(folder, "default.db") }, overrides);
            await app.StartAsync();
            var options = app.Services.GetRequiredService<ServerOptions>();
            Assert.Equal(2, options.MaxAuthFailuresPerMinute);
            Assert.Equal(database, options.Database);
            Assert.True(File.Exists(database));
            Assert.False(File.Exists(Path.Combine(folder, "default.db")));

            // The limit from the file is the one enforced: the third bad token in a minute is refused with 429.
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "cst_wrong");
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                statuses.Add((await client.GetAsync("api/v1/whoami")).StatusCode);
            }

            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
            await app.StopAsync();
        }
        finally
        {
            TryDelete(folder);
        }
    }

    [Fact]
    public async Task An_environment_variable_reaches_a_served_process_beside_its_flags()
    {
        var folder = TempGitRepo.NewTempDirectory("config-env");
        try
        {
            var database = Path.Combine(folder, "env.db");
            using var server = await ServerProcess.StartAsync(
                ["serve", "--urls", "http://127.0.0.1:0", "--database", database], folder, TimeSpan.FromSeconds(120),
                new Dictionary<string, string> { ["COUNTERSIGN__MAXAUTHFAILURESPERMINUTE"] = "1" });
            Assert.Contains(database, server.Output);
            using var client = new HttpClient { BaseAddress = server.Address };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "cst_wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/whoami")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("api/v1/whoami")).StatusCode);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    [Fact]
    public async Task An_invalid_setting_in_appsettings_stops_serve_with_exit_3_naming_the_key()
    {
        var folder = TempGitRepo.NewTempDirectory("config-bad");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), """{ "Countersign": { "MaxAuthFailuresPerMinute": 0 } }""");
            var result = CliRunner.Run(folder, "serve", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(folder, "s.db"));
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("invalid configuration: Countersign:MaxAuthFailuresPerMinute: must be at least 1 (got 0)", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr);
            Assert.False(File.Exists(Path.Combine(folder, "s.db")), "nothing is opened before the options are checked");
        }
        finally
        {
            TryDelete(folder);
        }
    }

    [Fact]
    public void An_invalid_flag_value_stops_serve_naming_the_setting()
    {
        var folder = TempGitRepo.NewTempDirectory("config-flag");
        try
        {
            var result = CliRunner.Run(folder, "serve", "--urls", "ftp://127.0.0.1:0", "--database", Path.Combine(folder, "s.db"));
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("Countersign:Urls: 'ftp://127.0.0.1:0' is not an http:// or https:// address", result.Stderr);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    [Fact]
    public async Task A_misspelt_setting_is_an_error_rather_than_ignored()
    {
        var folder = TempGitRepo.NewTempDirectory("config-typo");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), """{ "Countersign": { "MaxAuthFailuresPerMinit": 5 } }""");
            var result = CliRunner.Run(folder, "serve", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(folder, "s.db"));
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("invalid configuration", result.Stderr);
            Assert.Contains("MaxAuthFailuresPerMinit", result.Stderr);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: leave it in the temp folder.
        }
    }
}
