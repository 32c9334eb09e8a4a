using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

public sealed class ScanSignaturesTests
{
    private const string InHouse = """
        version: 1
        tools:
          - id: acme-agent
            name: ACME internal coding agent
            markers:
              - kind: co-author
                email: agent@acme.example
                confidence: 0.95
        """;

    [Fact]
    public void AnInHouseAgentFromTheRepositoryConfigurationIsDetected()
    {
        using var repo = TempGitRepo.Create();
        repo.WriteFile(".countersign/signatures.yaml", InHouse);
        repo.Commit("Add signatures");
        var sha = repo.Commit("Refactor billing\n\nCo-authored-by: ACME Agent <agent@acme.example>\n");
        var dir = TempGitRepo.NewTempDirectory("sig");

        var (code, _, stderr) = CliRunner.Run(repo.Path, "scan", "--json", "--db", Path.Combine(dir, "s.db"), "--commits-out", Path.Combine(dir, "c.jsonl"));

        Assert.True(code == 0, stderr);
        var commit = File.ReadLines(Path.Combine(dir, "c.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).Single(c => c.GetProperty("sha").GetString() == sha);
        Assert.Equal("ai", commit.GetProperty("ai").GetProperty("status").GetString());
        Assert.Equal("acme-agent", commit.GetProperty("ai").GetProperty("tools")[0].GetString());
    }

    [Fact]
    public void ASignaturesFileGivenOnTheCommandLineIsMergedToo()
    {
        using var repo = TempGitRepo.Create();
        var sha = repo.Commit("Tune cache\n\nCo-authored-by: ACME Agent <agent@acme.example>\n");
        var dir = TempGitRepo.NewTempDirectory("sig");
        File.WriteAllText(Path.Combine(dir, "sig.yaml"), InHouse);

        var (code, stdout, _) = CliRunner.Run(repo.Path, "scan", "--json", "--db", Path.Combine(dir, "s.db"), "--signatures", Path.Combine(dir, "sig.yaml"));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("acme-agent", json.RootElement.GetProperty("byTool")[0].GetProperty("tool").GetString());
        Assert.NotNull(sha);
    }

    [Fact]
    public void AnInvalidSignaturesFileStopsTheScanNamingFileLineAndField()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("one");
        var dir = TempGitRepo.NewTempDirectory("sig");
        var file = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(file, "version: 1\ntools:\n  - id: acme-agent\n    markers:\n      - kind: co-author\n        emial: agent@acme.example\n");

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--db", Path.Combine(dir, "s.db"), "--signatures", file);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains($"{file}:6:", stderr, StringComparison.Ordinal);
        Assert.Contains("emial", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "s.db")));
    }
}
