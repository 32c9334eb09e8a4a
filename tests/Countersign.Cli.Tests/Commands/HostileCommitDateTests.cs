using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

/// <summary>A commit can carry any timestamp git prints; one beyond the calendar must not crash a scan or a --since.</summary>
public sealed class HostileCommitDateTests
{
    [Theory]
    [InlineData("999999999999999 +1400")]
    [InlineData("-99999999999999 -1200")]
    public void ACommitDatedBeyondTheCalendarIsScannedNotACrash(string date)
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("an ordinary start");
        var tree = repo.Git("rev-parse HEAD^{tree}").Trim();
        var parent = repo.Git("rev-parse HEAD").Trim();
        var path = Path.Combine(repo.Path, "..", $"commit-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, $"tree {tree}\nparent {parent}\nauthor Eve <eve@example.com> {date}\ncommitter Eve <eve@example.com> {date}\n\nfrom far away\n");
        var sha = repo.Git($"hash-object -t commit -w --literally \"{path}\"").Trim();
        File.Delete(path);
        repo.Git($"update-ref refs/heads/main {sha}");
        var db = Path.Combine(repo.Path, "..", $"hostile-{Guid.NewGuid():N}.db");
        try
        {
            var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--db", db, "--json");
            Assert.True(code == 0, stderr);
            Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("commits").GetInt32());

            var since = CliRunner.Run(repo.Path, "scan", "--db", db, "--json", "--since", "30d");
            Assert.True(since.ExitCode == 0, since.Stderr);
        }
        finally
        {
            File.Delete(db);
        }
    }
}
