using System.Text.Json;
using Countersign.Cli.Commands;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

/// <summary>
/// <c>--since</c> is total (any text is a value or a usage error, never an exception) and an age counts back from the
/// newest commit of what is read, not from today's clock: a history whose last commit is months old still has a
/// "last 30 days".
/// </summary>
public sealed class SinceOptionTests(BacktestHistory history) : IClassFixture<BacktestHistory>
{
    [Theory]
    [InlineData("scan", "2027y")]
    [InlineData("scan", "10000y")]
    [InlineData("scan", "1000000d")]
    [InlineData("scan", "99999999999d")]
    [InlineData("scan", "201y")]
    [InlineData("backtest", "1000000d")]
    [InlineData("backtest", "2147483648w")]
    public void AnAgeBeyondTheCalendarIsAUsageErrorNamingTheOption(string command, string since)
    {
        var (code, _, stderr) = CliRunner.Run(history.Path, command, "--since", since);
        Assert.Equal(2, code);
        Assert.Contains($"--since '{since}': an age is at most 200 years", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200y", true)]
    [InlineData("2400m", true)]
    [InlineData("73000d", true)]
    [InlineData("10400w", true)]
    [InlineData("0d", true)]
    [InlineData("2401m", false)]
    [InlineData("73001d", false)]
    [InlineData("10401w", false)]
    [InlineData("-5d", false)]
    [InlineData("5", false)]
    [InlineData("d", false)]
    [InlineData("１d", false)]
    [InlineData("2026-01-31", true)]
    [InlineData("9999-12-31T23:59:59+00:00", true)]
    [InlineData("0001-01-01", true)]
    public void EveryTextIsAnAgeADateOrAnErrorAndEveryAgeResolvesFromAnyCommitDate(string text, bool valid)
    {
        Assert.Equal(valid, SinceParser.TryParse(text, out var since, out var error));
        Assert.Equal(valid, error.Length == 0);
        if (valid)
        {
            foreach (var newest in new[] { DateTimeOffset.MinValue, DateTimeOffset.UnixEpoch, new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.MaxValue })
            {
                _ = since.Resolve(newest);
            }
        }
    }

    [Fact]
    public void BacktestSinceCountsBackFromTheNewestChangeNotFromTodaysClock()
    {
        // The history ends on 2026-02-27; the clock says December.
        var (code, stdout, stderr) = CliRunner.RunAt(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), history.Path, null, null, "backtest", "--since", "30d", "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal([history.PatConfig, history.SamFix], json.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("sha").GetString()));
        Assert.Equal("since 2026-01-28 10:00Z (30d before the newest commit, 2026-02-27 10:00Z)", json.GetProperty("window").GetString());
    }

    [Fact]
    public void BacktestSaysWhatItsWindowIsRelativeTo()
    {
        var (code, stdout, stderr) = CliRunner.Run(history.Path, "backtest", "--since", "30d");
        Assert.True(code == 0, stderr);
        // The header is a panel: join its wrapped lines before reading the sentence.
        var text = System.Text.RegularExpressions.Regex.Replace(stdout, @"[│\s]+", " ");
        Assert.Contains("changes since 2026-01-28 10:00Z (30d before the newest commit, 2026-02-27 10:00Z)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ScanSinceCountsBackFromTheNewestCommitOfTheSelectionAndSaysSo()
    {
        using var repo = TempGitRepo.Create();
        var old = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        repo.Commit("first", when: old);
        repo.Commit("second", when: old.AddDays(20));
        repo.Commit("third", when: old.AddDays(40));
        var db = Path.Combine(repo.Path, "..", $"since-{Guid.NewGuid():N}.db");
        try
        {
            var (code, stdout, stderr) = CliRunner.RunAt(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), repo.Path, null, null, "scan", "--since", "30d", "--db", db);
            Assert.True(code == 0, stderr);
            Assert.Contains("Commits since 2025-03-11 12:00Z (30d before the newest commit, 2025-04-10 12:00Z)", stdout, StringComparison.Ordinal);

            var json = CliRunner.RunAt(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), repo.Path, null, null, "scan", "--since", "30d", "--db", db, "--json");
            Assert.Equal(2, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("commits").GetInt32());
        }
        finally
        {
            File.Delete(db);
        }
    }

    [Fact]
    public void ADateBeforeGitsEarlyYearsSelectsTheWholeHistory()
    {
        // git reads small Unix timestamps as other kinds of date: --since=86400 selected nothing.
        using var repo = TempGitRepo.Create();
        repo.Commit("first");
        repo.Commit("second");
        var db = Path.Combine(repo.Path, "..", $"since-{Guid.NewGuid():N}.db");
        try
        {
            foreach (var date in new[] { "1970-01-02", "1971-06-01", "1969-01-01", "0001-01-01" })
            {
                var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--since", date, "--db", db, "--json");
                Assert.True(code == 0, stderr);
                Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("commits").GetInt32());
            }
        }
        finally
        {
            File.Delete(db);
        }
    }
}
