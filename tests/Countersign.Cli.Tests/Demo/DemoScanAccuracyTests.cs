using System.Text.Json;
using Countersign.Demo;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Demo;

/// <summary>
/// The scanner against the demo's ground truth: every commit the generator knows to be AI-assisted is found with
/// its tool, every trap, bot and plain human commit stays unflagged, declarations and review suggestions get
/// their own classes.
/// </summary>
public sealed class DemoScanAccuracyTests(DemoWorkspaceFixture demo) : IClassFixture<DemoWorkspaceFixture>
{
    private Dictionary<string, JsonElement> Scan()
    {
        var dir = TempGitRepo.NewTempDirectory("demo-scan");
        var outFile = Path.Combine(dir, "commits.jsonl");
        var (code, _, stderr) = CliRunner.Run(dir, "scan", demo.Info.RepositoryPath, "--all", "--json", "--db", Path.Combine(dir, "scan.db"), "--commits-out", outFile);
        Assert.True(code == 0, stderr);
        return File.ReadLines(outFile).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("sha").GetString()!);
    }

    [Fact]
    public void EveryCommitIsClassifiedAsTheGeneratorIntended()
    {
        var scanned = Scan();
        var wrong = new List<string>();
        foreach (var truth in demo.Info.Truth)
        {
            var ai = scanned[truth.Sha].GetProperty("ai");
            var status = ai.GetProperty("status").GetString();
            var tools = ai.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToList();
            var expected = truth.Kind switch
            {
                DemoCommitKind.Ai => "ai",
                DemoCommitKind.AiReview => "ai-suggested",
                DemoCommitKind.DeclaredHuman => "human-declared",
                _ => "unknown",
            };
            if (status != expected || (truth.Kind == DemoCommitKind.Ai && !tools.Contains(truth.Tool)))
            {
                wrong.Add($"{truth.Sha[..10]} {truth.Kind} {truth.Tool} trap={truth.Trap}: got {status} [{string.Join(',', tools)}] — {truth.Subject}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void NotedCommitsCarryLineAttribution()
    {
        var scanned = Scan();
        foreach (var truth in demo.Info.Truth.Where(t => t.HasGitAiNote || t.HasAgentTrace))
        {
            var lines = scanned[truth.Sha].GetProperty("ai").GetProperty("lines");
            Assert.True(lines.GetProperty("ai").GetInt64() > 0, truth.Subject);
        }
    }

    [Fact]
    public void SummaryCountsMatchTheGroundTruth()
    {
        var dir = TempGitRepo.NewTempDirectory("demo-summary");
        var (code, stdout, _) = CliRunner.Run(dir, "scan", demo.Info.RepositoryPath, "--json", "--db", Path.Combine(dir, "scan.db"));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(demo.Info.Commits, json.RootElement.GetProperty("commits").GetInt32());
        Assert.Equal(demo.Info.AiCommits, json.RootElement.GetProperty("overall").GetProperty("ai").GetInt32());
        foreach (var (tool, count) in demo.Info.ExpectedAiCommitsByTool)
        {
            var row = json.RootElement.GetProperty("byTool").EnumerateArray().Single(r => r.GetProperty("tool").GetString() == tool);
            Assert.Equal(count, row.GetProperty("aiCommits").GetInt32());
        }
    }
}
