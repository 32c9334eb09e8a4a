using System.Net;
using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;

namespace Countersign.Server.Tests.Api;

/// <summary><c>countersign token</c> against a real server: create (secret printed once), list (no secrets), revoke.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task An_admin_creates_lists_and_revokes_a_reviewer_token_from_the_command_line()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        var folder = TempGitRepo.NewTempDirectory("token-cli");
        try
        {
            var url = server.Address.ToString();
            var env = new Dictionary<string, string> { ["COUNTERSIGN_TOKEN"] = TestServer.AdminToken };
            var created = CliRunner.RunAt(DateTimeOffset.UtcNow, folder, env, null, "token", "create", "--server", url, "--name", "erin laptop", "--scope", "reviewer", "--person", "erin");
            Assert.True(created.ExitCode == 0, created.Stderr);
            var secret = created.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
            Assert.StartsWith("cst_", secret);
            using (var erin = server.Client(secret))
            {
                Assert.Equal(HttpStatusCode.OK, (await erin.GetAsync("api/v1/whoami")).StatusCode);
            }

            var id = created.Stdout.Split("token ")[1].Split(' ')[0];
            var listed = CliRunner.RunAt(DateTimeOffset.UtcNow, folder, env, null, "token", "list", "--server", url);
            Assert.Equal(0, listed.ExitCode);
            Assert.Contains(id, listed.Stdout);
            Assert.Contains("active", listed.Stdout);
            Assert.DoesNotContain(secret, listed.Stdout);
            var json = CliRunner.RunAt(DateTimeOffset.UtcNow, folder, env, null, "token", "list", "--server", url, "--json");
            Assert.Contains("\"erin laptop\"", json.Stdout);
            Assert.DoesNotContain(secret, json.Stdout);

            Assert.Equal(0, CliRunner.RunAt(DateTimeOffset.UtcNow, folder, env, null, "token", "revoke", "--server", url, id).ExitCode);
            using (var erin = server.Client(secret))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await erin.GetAsync("api/v1/whoami")).StatusCode);
            }

            var unknownPerson = CliRunner.RunAt(DateTimeOffset.UtcNow, folder, env, null, "token", "create", "--server", url, "--name", "x", "--scope", "reviewer", "--person", "nobody");
            Assert.Equal(2, unknownPerson.ExitCode);
            Assert.Contains("not in the org directory", unknownPerson.Stderr);

            var noAdmin = CliRunner.Run(folder, "token", "list", "--server", url);
            Assert.Equal(2, noAdmin.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
