using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

public sealed class ScanCommandTests
{
    private static readonly (string, string) Dana = ("Dana Mid", "dana@acme.example");

    private static TempGitRepo RepoWithMixedHistory()
    {
        var repo = TempGitRepo.Create();
        repo.Commit("Add checkout service", new Dictionary<string, string> { ["services/checkout/a.cs"] = "one\ntwo\n" }, author: Dana);
        repo.Commit("Add retry budget\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", new Dictionary<string, string> { ["services/checkout/b.cs"] = "x\ny\nz\n" }, author: Dana);
        repo.Commit("Address Copilot feedback on retries", new Dictionary<string, string> { ["services/checkout/b.cs"] = "x\ny\nzz\n" }, author: Dana);
        repo.Commit("Tune search\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n", new Dictionary<string, string> { ["services/search/s.py"] = "print(1)\n" }, author: ("Sam Junior", "sam@acme.example"));
        return repo;
    }

    [Fact]
    public void ScanPrintsJsonSummaryWithSharesByTool()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var overall = json.RootElement.GetProperty("overall");
        Assert.Equal(4, overall.GetProperty("commits").GetInt32());
        Assert.Equal(2, overall.GetProperty("ai").GetInt32());
        var tools = json.RootElement.GetProperty("byTool").EnumerateArray().Select(t => t.GetProperty("tool").GetString()).ToList();
        Assert.Equal(["claude-code", "cursor"], tools.Order());
        Assert.Equal(4, json.RootElement.GetProperty("newlyScanned").GetInt32());
    }

    [Fact]
    public void CommitsOutWritesOneObjectPerCommitWithTheDocumentedFields()
    {
        using var repo = RepoWithMixedHistory();
        var dir = TempGitRepo.NewTempDirectory("out");
        var outFile = Path.Combine(dir, "commits.jsonl");

        var (code, _, stderr) = CliRunner.Run(repo.Path, "scan", "--json", "--db", Path.Combine(dir, "scan.db"), "--commits-out", outFile);

        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(outFile);
        Assert.Equal(4, lines.Length);
        var objects = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(objects, o => Assert.Matches("^[0-9a-f]{40}$", o.GetProperty("sha").GetString()!));
        var claude = objects[1];
        Assert.True(claude.GetProperty("ai").GetProperty("assisted").GetBoolean());
        Assert.Equal("ai", claude.GetProperty("ai").GetProperty("status").GetString());
        Assert.Equal("claude-code", claude.GetProperty("ai").GetProperty("tools")[0].GetString());
        Assert.Equal("trailer", claude.GetProperty("ai").GetProperty("evidence")[0].GetProperty("kind").GetString());
        Assert.Equal(1, claude.GetProperty("stats").GetProperty("files").GetInt32());
        Assert.Equal(3, claude.GetProperty("stats").GetProperty("added").GetInt32());
        Assert.Equal(0, claude.GetProperty("stats").GetProperty("deleted").GetInt32());
        var mention = objects[2];
        Assert.False(mention.GetProperty("ai").GetProperty("assisted").GetBoolean());
        Assert.Equal("unknown", mention.GetProperty("ai").GetProperty("status").GetString());
        Assert.Equal(2, mention.GetProperty("features").GetProperty("exp").GetInt32()); // Dana's two earlier commits
    }

    [Fact]
    public void RescanProcessesOnlyNewCommitsAndKeepsTheSameTotals()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");
        CliRunner.Run(repo.Path, "scan", "--json", "--db", db);

        var (_, unchanged, _) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);
        repo.Commit("More\n\nCo-authored-by: Codex <noreply@openai.com>\n", author: Dana);
        var (_, grown, _) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);

        using var a = JsonDocument.Parse(unchanged);
        using var b = JsonDocument.Parse(grown);
        Assert.Equal(0, a.RootElement.GetProperty("newlyScanned").GetInt32());
        Assert.Equal(4, a.RootElement.GetProperty("commits").GetInt32());
        Assert.Equal(1, b.RootElement.GetProperty("newlyScanned").GetInt32());
        Assert.Equal(5, b.RootElement.GetProperty("commits").GetInt32());
        Assert.Equal(3, b.RootElement.GetProperty("overall").GetProperty("ai").GetInt32());
    }

    [Fact]
    public void ARescanAfterTheBranchMovedBackReportsOnlyWhatIsStillInTheSelection()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");
        CliRunner.Run(repo.Path, "scan", "--json", "--db", db);
        CliRunner.Run(repo.Path, "scan", "--json", "--db", db); // cached report

        repo.Git("reset -q --hard HEAD~1");
        var (_, stdout, _) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(3, json.RootElement.GetProperty("commits").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("overall").GetProperty("ai").GetInt32());
    }

    [Fact]
    public void ARescanWithNothingNewStillWritesEveryCommitOfTheSelection()
    {
        using var repo = RepoWithMixedHistory();
        var dir = TempGitRepo.NewTempDirectory("db");
        var db = Path.Combine(dir, "scan.db");
        CliRunner.Run(repo.Path, "scan", "--json", "--db", db, "--commits-out", Path.Combine(dir, "first.jsonl"));

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db, "--commits-out", Path.Combine(dir, "again.jsonl"));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetProperty("newlyScanned").GetInt32());
        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "again.jsonl")).Length);
        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "first.jsonl")), File.ReadAllLines(Path.Combine(dir, "again.jsonl")));
    }

    [Fact]
    public void AScanAfterADateLimitedScanStillScansTheOlderCommits()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");
        CliRunner.Run(repo.Path, "scan", "--json", "--db", db, "--since", "2999-01-01");

        var (_, stdout, _) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(4, json.RootElement.GetProperty("newlyScanned").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("commits").GetInt32());
    }

    [Fact]
    public void AScanOfANewBranchAtAStoredCommitFindsNothingNewAndReportsItsHistory()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");
        CliRunner.Run(repo.Path, "scan", "--json", "--db", db);
        repo.Git("branch older HEAD~2");

        var (_, stdout, _) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db, "--rev", "older");

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetProperty("newlyScanned").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("commits").GetInt32());
    }

    [Fact]
    public void IncrementalAndFullScansStoreIdenticalFeatures()
    {
        using var repo = RepoWithMixedHistory();
        var dir = TempGitRepo.NewTempDirectory("db");
        CliRunner.Run(repo.Path, "scan", "--json", "--db", Path.Combine(dir, "inc.db"));
        repo.Commit("Later change", new Dictionary<string, string> { ["services/checkout/a.cs"] = "one\ntwo\nthree\n" }, author: Dana);
        CliRunner.Run(repo.Path, "scan", "--json", "--db", Path.Combine(dir, "inc.db"), "--commits-out", Path.Combine(dir, "inc.jsonl"));
        CliRunner.Run(repo.Path, "scan", "--json", "--db", Path.Combine(dir, "full.db"), "--commits-out", Path.Combine(dir, "full.jsonl"));

        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "full.jsonl")), File.ReadAllLines(Path.Combine(dir, "inc.jsonl")));
    }

    [Fact]
    public void TablesFitEightyColumnsAndNameTheTools()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");

        var (code, stdout, _) = CliRunner.Run(repo.Path, "scan", "--db", db);

        Assert.Equal(0, code);
        Assert.Contains("claude-code", stdout, StringComparison.Ordinal);
        Assert.Contains("By month", stdout, StringComparison.Ordinal);
        Assert.Contains("By author", stdout, StringComparison.Ordinal);
        Assert.All(stdout.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"too wide ({line.Length}): {line}"));
    }

    [Fact]
    public void NotARepositoryIsAUsageErrorWithOneLine()
    {
        var folder = TempGitRepo.NewTempDirectory("plain");

        var (code, stdout, stderr) = CliRunner.Run(folder, "scan", folder);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("not a git repository", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRevisionIsAUsageErrorNamingIt()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");

        var (code, _, stderr) = CliRunner.Run(repo.Path, "scan", "--rev", "nope..HEAD", "--db", db);

        Assert.Equal(2, code);
        Assert.Contains("nope", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableDatabaseIsAnInfrastructureErrorNamingTheFile()
    {
        using var repo = RepoWithMixedHistory();
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "garbage.db");
        File.WriteAllText(db, "this is not an sqlite database, just text that is long enough to look like a header....");

        var (code, _, stderr) = CliRunner.Run(repo.Path, "scan", "--db", db);

        Assert.Equal(3, code);
        Assert.Contains("garbage.db", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSinceIsAUsageError()
    {
        using var repo = RepoWithMixedHistory();

        var (code, _, stderr) = CliRunner.Run(repo.Path, "scan", "--since", "yesterdayish");

        Assert.Equal(2, code);
        Assert.Contains("--since", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultDatabaseLivesInsideTheGitDirectory()
    {
        using var repo = RepoWithMixedHistory();

        var (code, _, _) = CliRunner.Run(repo.Path, "scan", "--json");

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(repo.Path, ".git", "countersign", "countersign.db")));
    }
}
