using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

/// <summary>The scan report's author table counts people, not e-mail addresses, and no table is cut without saying so.</summary>
public sealed class ScanReportTablesTests
{
    private static (int ExitCode, string Stdout, string Stderr) Scan(TempGitRepo repo, params string[] extra) =>
        CliRunner.Run(repo.Path, ["scan", "--db", Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db"), .. extra]);

    private static List<string> AuthorLines(string stdout) =>
        stdout.Split('\n').SkipWhile(l => !l.Contains("By author", StringComparison.Ordinal)).Where(l => l.Contains('│', StringComparison.Ordinal)).ToList();

    [Fact]
    public void IdentitiesTheMailmapJoinsAreOneAuthorRow()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("One", author: ("Dana Mid", "dana@acme.example"));
        repo.Commit("Two", author: ("Dana Mid", "dana@laptop.local"));
        repo.Commit("Three", author: ("dana", "DANA@LAPTOP.LOCAL"));
        repo.Commit("Map", new Dictionary<string, string> { [".mailmap"] = "Dana Mid <dana@acme.example> <dana@laptop.local>\n" }, author: ("Sam", "sam@acme.example"));

        var (code, stdout, stderr) = Scan(repo, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var authors = json.RootElement.GetProperty("byAuthor").EnumerateArray().ToList();
        Assert.Equal(2, authors.Count);
        Assert.Equal("Dana Mid", authors[0].GetProperty("name").GetString());
        Assert.Equal("dana@acme.example", authors[0].GetProperty("email").GetString());
        Assert.Equal(3, authors[0].GetProperty("counts").GetProperty("commits").GetInt32());
    }

    [Fact]
    public void AMailmapChangeIsSeenByTheNextScanEvenWithNoNewCommits()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("One", author: ("Dana Mid", "dana@acme.example"));
        repo.Commit("Two", author: ("Dana Mid", "dana@laptop.local"));
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");
        var before = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);
        repo.WriteFile(".mailmap", "<dana@acme.example> <dana@laptop.local>\n");

        var after = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);

        using var first = JsonDocument.Parse(before.Stdout);
        using var second = JsonDocument.Parse(after.Stdout);
        Assert.Equal(2, first.RootElement.GetProperty("byAuthor").GetArrayLength());
        Assert.Equal(1, second.RootElement.GetProperty("byAuthor").GetArrayLength());
    }

    [Fact]
    public void TwoPeopleWithTheSameNameAreTwoRowsThatShowTheirEmails()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("One", author: ("Alex Kim", "alex@acme.example"));
        repo.Commit("Two", author: ("Alex Kim", "akim@other.example"));

        var (code, stdout, stderr) = Scan(repo);

        Assert.True(code == 0, stderr);
        var rows = AuthorLines(stdout);
        Assert.Contains(rows, l => l.Contains("alex@acme", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.Contains("akim@other", StringComparison.Ordinal));
    }

    [Fact]
    public void AReportWithMoreMonthsThanItShowsSaysHowManyItLeftOut()
    {
        using var repo = TempGitRepo.Create();
        var start = new DateTimeOffset(2022, 1, 10, 9, 0, 0, TimeSpan.Zero);
        for (var month = 0; month < 30; month++)
        {
            repo.Commit($"Month {month}", when: start.AddMonths(month));
        }

        var (code, stdout, stderr) = Scan(repo);
        var json = Scan(repo, "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("… 6 earlier months not shown; --json has all", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("2022-06 ", stdout, StringComparison.Ordinal);
        Assert.Contains("2022-07", stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(30, document.RootElement.GetProperty("byMonth").GetArrayLength());
    }

    [Fact]
    public void AReportWithMoreAuthorsThanItShowsSaysHowManyItLeftOut()
    {
        using var repo = TempGitRepo.Create();
        for (var person = 0; person < 18; person++)
        {
            repo.Commit($"By {person}", author: ($"Person {person:00}", $"p{person}@acme.example"));
        }

        var (code, stdout, stderr) = Scan(repo);
        var json = Scan(repo, "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("… 3 more authors not shown; --json has all", stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(18, document.RootElement.GetProperty("byAuthor").GetArrayLength());
    }

    [Fact]
    public void AReportThatShowsEveryRowSaysNothingAboutCutting()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("One");

        var (code, stdout, stderr) = Scan(repo);

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("not shown", stdout, StringComparison.Ordinal);
    }
}
