using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

/// <summary>
/// Replaying <see cref="BacktestHistory"/>'s branch: six changes (the set-up root is not one), two of them flagged,
/// two later reverted or fixed — the policy catches one, and beats flagging the largest changes.
/// </summary>
public sealed class BacktestCommandTests(BacktestHistory history) : IClassFixture<BacktestHistory>
{
    private (int ExitCode, string Stdout, string Stderr) Backtest(params string[] extra) =>
        CliRunner.Run(history.Path, ["backtest", .. extra]);

    private JsonElement BacktestJson(params string[] extra)
    {
        var (code, stdout, stderr) = Backtest(["--json", .. extra]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    private static JsonElement Row(JsonElement json, string sha) =>
        json.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("sha").GetString() == sha);

    private static string[] AppliedRules(JsonElement row) =>
        row.GetProperty("appliedRules").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();

    [Fact]
    public void EachMergeSquashAndDirectPushOnTheFirstParentLineIsOneChange()
    {
        var json = BacktestJson();
        var shas = json.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("sha").GetString()).ToList();
        Assert.Equal([history.PatConfig, history.SamFix, history.RevertOfDana, history.Merge, history.ErinTotal, history.DanaRefund], shas);
        Assert.Equal(6, json.GetProperty("replayed").GetInt32());
        Assert.Equal(1, json.GetProperty("merges").GetInt32());
        Assert.Equal("main", json.GetProperty("targetBranch").GetString());

        var merge = Row(json, history.Merge);
        Assert.Equal("merge", merge.GetProperty("kind").GetString());
        Assert.Equal(10, merge.GetProperty("linesAdded").GetInt32());
        Assert.Equal("Merge branch 'docs/payments-guide'", merge.GetProperty("subject").GetString());
    }

    [Fact]
    public void TheJuniorsAiAssistedCommitAndThePaymentsDocsNeedSignOffAndNothingElse()
    {
        var json = BacktestJson();
        Assert.Equal(2, json.GetProperty("needsSignOff").GetInt32());
        Assert.Equal(0.3333, json.GetProperty("needsSignOffShare").GetDouble());
        Assert.Equal(1, json.GetProperty("needsEnforcedSignOff").GetInt32());
        Assert.Equal(0, json.GetProperty("unsatisfiable").GetInt32());

        var rules = json.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["ai-below-senior", "payments-docs"], rules.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["enforce", "warn"], rules.Select(r => r.GetProperty("mode").GetString()));
        Assert.All(rules, r => Assert.Equal(1, r.GetProperty("applied").GetInt32()));
        Assert.All(rules, r => Assert.Equal(0.1667, r.GetProperty("share").GetDouble()));

        var dana = Row(json, history.DanaRefund);
        Assert.True(dana.GetProperty("needsSignOff").GetBoolean());
        Assert.Equal(["ai-below-senior"], AppliedRules(dana));
        var rule = dana.GetProperty("appliedRules")[0];
        Assert.Equal("enforce", rule.GetProperty("mode").GetString());
        Assert.Equal(1, rule.GetProperty("needed").GetInt32());
        Assert.Equal(["erin"], rule.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));

        Assert.Equal(["payments-docs"], AppliedRules(Row(json, history.Merge)));
        Assert.Empty(AppliedRules(Row(json, history.ErinTotal)));
        Assert.False(Row(json, history.ErinTotal).GetProperty("needsSignOff").GetBoolean());
    }

    [Fact]
    public void EachChangeIsEvaluatedWhenItLandedSoTheOldFreezeHoldsOnlyTheJuniorsCommit()
    {
        var json = BacktestJson();
        Assert.Equal(1, json.GetProperty("frozen").GetInt32());
        Assert.True(Row(json, history.DanaRefund).GetProperty("frozen").GetBoolean());
        Assert.False(Row(json, history.ErinTotal).GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public void EachCandidateCarriesTheirShareOfTheSignOffsAChangeNeeds()
    {
        var load = BacktestJson().GetProperty("load").EnumerateArray().ToList();

        // Dana's refund needs 1 of {Erin}: 1. Bob's docs need 1 of {Dana, Erin} (Bob wrote them): 0.5 each.
        Assert.Equal(["erin", "dana"], load.Select(p => p.GetProperty("personId").GetString()));
        Assert.Equal([2, 1], load.Select(p => p.GetProperty("changes").GetInt32()));
        Assert.Equal([1.5, 0.5], load.Select(p => p.GetProperty("expectedLoad").GetDouble()));
        Assert.Equal("senior", load[0].GetProperty("level").GetString());
    }

    [Fact]
    public void RevertsAndFixesTrailersLabelTheChangesTheyNameButNotWhatABranchUndidBeforeLanding()
    {
        var json = BacktestJson();
        var dana = Row(json, history.DanaRefund);
        Assert.True(dana.GetProperty("bad").GetBoolean());
        var reverted = dana.GetProperty("badBecause")[0];
        Assert.Equal("reverted", reverted.GetProperty("kind").GetString());
        Assert.Equal(history.DanaRefund, reverted.GetProperty("commit").GetString());
        Assert.Equal(history.RevertOfDana, reverted.GetProperty("by").GetString());

        var erin = Row(json, history.ErinTotal);
        Assert.True(erin.GetProperty("bad").GetBoolean());
        Assert.Equal("fixed", erin.GetProperty("badBecause")[0].GetProperty("kind").GetString());
        Assert.Equal(history.SamFix, erin.GetProperty("badBecause")[0].GetProperty("by").GetString());

        // The draft was reverted inside the branch; "Fixes: #123" names an issue.
        Assert.False(Row(json, history.Merge).GetProperty("bad").GetBoolean());
        Assert.False(Row(json, history.PatConfig).GetProperty("bad").GetBoolean());
        Assert.False(Row(json, history.PatConfig).TryGetProperty("badBecause", out var none) && none.GetArrayLength() > 0);
    }

    [Fact]
    public void RecallAndPrecisionAreComparedWithFlaggingAsManyChangesByLinesAdded()
    {
        var outcomes = BacktestJson().GetProperty("outcomes");
        var all = outcomes.GetProperty("all");
        Assert.Equal(6, all.GetProperty("changes").GetInt32());
        Assert.Equal(2, all.GetProperty("bad").GetInt32());
        Assert.Equal(2, all.GetProperty("flagged").GetInt32());
        Assert.Equal(1, all.GetProperty("flaggedBad").GetInt32());
        Assert.Equal(0.5, all.GetProperty("recall").GetDouble());
        Assert.Equal(0.5, all.GetProperty("precision").GetDouble());

        // The two largest changes are Pat's config (20 lines) and Bob's guide (10): neither bad.
        Assert.Equal(0, all.GetProperty("baselineFlaggedBad").GetDouble());
        Assert.Equal(0, all.GetProperty("baselineRecall").GetDouble());
        Assert.Equal("beats", all.GetProperty("comparison").GetString());
        Assert.Equal(0.3333, all.GetProperty("flaggedLinesShare").GetDouble());
        Assert.Equal(0.8333, all.GetProperty("baselineLinesShare").GetDouble());

        // Thirty days before Pat's commit only the January changes are settled; there the guide and Erin's total are largest.
        Assert.Equal(2, outcomes.GetProperty("recent").GetInt32());
        var settled = outcomes.GetProperty("settled");
        Assert.Equal(4, settled.GetProperty("changes").GetInt32());
        Assert.Equal(2, settled.GetProperty("bad").GetInt32());
        Assert.Equal(1, settled.GetProperty("flaggedBad").GetInt32());
        Assert.Equal(1, settled.GetProperty("baselineFlaggedBad").GetDouble());
        Assert.Equal("ties", settled.GetProperty("comparison").GetString());
    }

    [Fact]
    public void TheReportFitsEightyColumnsAndSaysHowThePolicyComparesWithTheBaseline()
    {
        var (code, stdout, stderr) = Backtest();
        Assert.True(code == 0, stderr);
        Assert.Contains("Needs sign-off: 2 of 6 changes (33.3%), 1 under enforced rules.", stdout, StringComparison.Ordinal);
        Assert.Contains("1 landed while a freeze was in force.", stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ ai-below-senior\s+│ enforce │\s+1 │\s+16\.7% │", stdout);
        Assert.Matches(@"│ Erin Senior\s+│ senior │\s+2 │\s+1\.5 │", stdout);
        Assert.Matches(@"│ Recall \(bad ones flagged\)\s+│\s+50\.0% │\s+50\.0% │", stdout);
        Assert.Contains("On changes older than 30 days the policy ties the lines-added baseline", stdout, StringComparison.Ordinal);
        Assert.Contains("2 change(s) landed in the 30 days before the tip (2026-02-27)", stdout.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.All(stdout.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
    }

    [Fact]
    public void SinceAndLimitNarrowTheReplayToTheNewestChanges()
    {
        var since = BacktestJson("--since", "2026-01-15");
        Assert.Equal([history.PatConfig, history.SamFix, history.RevertOfDana],
            since.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("sha").GetString()));

        var limited = BacktestJson("--limit", "2");
        Assert.Equal(2, limited.GetProperty("replayed").GetInt32());
        Assert.Equal([history.PatConfig, history.SamFix],
            limited.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("sha").GetString()));
    }

    [Fact]
    public void AnOlderRevisionReplaysOnlyItsOwnHistoryAndLabelsOnlyWithWhatFollowedWithinIt()
    {
        var json = BacktestJson("--rev", history.Merge);
        Assert.Equal(3, json.GetProperty("replayed").GetInt32());
        Assert.Equal(0, json.GetProperty("outcomes").GetProperty("all").GetProperty("bad").GetInt32());
        Assert.Equal("undefined", json.GetProperty("outcomes").GetProperty("all").GetProperty("comparison").GetString());
    }

    [Theory]
    [InlineData("--since", "last tuesday", "--since 'last tuesday'")]
    [InlineData("--limit", "0", "--limit '0'")]
    [InlineData("--rev", "no-such-branch", "no-such-branch")]
    public void BadInputIsAUsageError(string option, string value, string message)
    {
        var (code, _, stderr) = Backtest(option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidPolicyIsAConfigurationErrorWithFileAndLine()
    {
        var folder = TempGitRepo.NewTempDirectory("policy");
        try
        {
            var file = System.IO.Path.Combine(folder, "bad-policy.yaml");
            File.WriteAllText(file, "version: 1\nrules:\n  - name: typo\n    requires:\n      count: 1\n      from: {level: {at_least: wizard}}\n");
            var (code, stdout, stderr) = Backtest("--policy", file);
            Assert.Equal(2, code);
            Assert.Empty(stdout);
            Assert.Matches(@"bad-policy\.yaml:\d+(:\d+)?: error: ", stderr);
            Assert.Contains("nothing was replayed", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void APolicyFileOnDiskReplacesTheCommittedOne()
    {
        var folder = TempGitRepo.NewTempDirectory("policy");
        try
        {
            var file = System.IO.Path.Combine(folder, "everything.yaml");
            File.WriteAllText(file, "version: 1\nrules:\n  - name: everything\n    requires:\n      count: 2\n      from: {level: {at_least: senior}}\n");
            var json = BacktestJson("--policy", file);
            Assert.Equal(6, json.GetProperty("needsSignOff").GetInt32());
            Assert.Equal(file, json.GetProperty("policy").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
