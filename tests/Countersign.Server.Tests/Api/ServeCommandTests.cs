using Countersign.Cli.Tests;
using Countersign.Testing;

namespace Countersign.Server.Tests.Api;

/// <summary><c>countersign serve</c> refuses to start with a clear reason instead of a stack trace.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void A_database_that_cannot_be_reached_stops_the_server_with_exit_3_and_the_reason()
    {
        var folder = TempGitRepo.NewTempDirectory("serve-bad");
        try
        {
            var result = CliRunner.Run(folder, "serve", "--urls", "http://127.0.0.1:0", "--database", "postgres://countersign@127.0.0.1:1/countersign");
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("cannot prepare the database (PostgreSQL 127.0.0.1:1/countersign)", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_malformed_bootstrap_token_is_refused_before_anything_listens()
    {
        var folder = TempGitRepo.NewTempDirectory("serve-token");
        try
        {
            var result = CliRunner.RunAt(DateTimeOffset.UtcNow, folder, new Dictionary<string, string> { ["COUNTERSIGN_ADMIN_TOKEN"] = "hunter2" }, null,
                "serve", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(folder, "s.db"));
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("must start with 'cst_'", result.Stderr);
            Assert.DoesNotContain("hunter2", result.Stderr + result.Stdout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
