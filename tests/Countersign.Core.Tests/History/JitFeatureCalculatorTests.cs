using Countersign.Core.History;
using Countersign.Core.History.Jit;

namespace Countersign.Core.Tests.History;

public sealed class JitFeatureCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CommitRecord Commit(string sha, string email, DateTimeOffset when, string message, params FileChange[] files) =>
        new(sha, [], new GitIdentity(email, email, when), new GitIdentity(email, email, when), message, files);

    [Fact]
    public void SizeAndDiffusionFeaturesDescribeTheChangeItself()
    {
        var calc = new JitFeatureCalculator();
        var f = calc.Next(Commit("a", "ann@x", Start, "Add things",
            new FileChange("svc/a/x.cs", 30, 0), new FileChange("svc/b/y.cs", 10, 0), new FileChange("lib/z.cs", 0, 0)));

        Assert.Equal(2, f.NS);
        Assert.Equal(3, f.ND);
        Assert.Equal(3, f.NF);
        Assert.Equal(40, f.LA);
        Assert.Equal(0, f.LD);
        // p = 0.75, 0.25 → 0.811 bits
        Assert.Equal(0.8113, f.Entropy, 3);
        Assert.False(f.Fix);
    }

    [Fact]
    public void HistoryFeaturesCountOnlyWhatCameBefore()
    {
        var calc = new JitFeatureCalculator();
        calc.Next(Commit("1", "ann@x", Start, "create", new FileChange("svc/a.cs", 100, 0)));
        calc.Next(Commit("2", "bob@x", Start.AddDays(10), "edit", new FileChange("svc/a.cs", 5, 20), new FileChange("svc/b.cs", 7, 0)));
        var third = calc.Next(Commit("3", "ann@x", Start.AddDays(20), "Fix crash in a", new FileChange("svc/a.cs", 1, 1), new FileChange("svc/b.cs", 1, 0)));

        Assert.Equal(85 + 7, third.LT);          // a.cs: 100+5-20, b.cs: 7
        Assert.Equal(2, third.NDev);             // ann and bob touched a.cs / b.cs
        Assert.Equal(2, third.Nuc);              // commits 1 and 2, counted once each
        Assert.Equal(10, third.Age, 6);          // both files last changed 10 days earlier
        Assert.Equal(1, third.Exp);              // ann's one earlier change
        Assert.Equal(1, third.SExp);             // in subsystem "svc"
        Assert.Equal(1.0, third.RExp, 6);        // same year → weight 1
        Assert.True(third.Fix);
    }

    [Fact]
    public void RenamedFilesKeepTheirHistory()
    {
        var calc = new JitFeatureCalculator();
        calc.Next(Commit("1", "ann@x", Start, "create", new FileChange("old.cs", 10, 0)));
        calc.Next(Commit("2", "ann@x", Start.AddDays(1), "rename", new FileChange("new.cs", 0, 0, OldPath: "old.cs")));
        var third = calc.Next(Commit("3", "bob@x", Start.AddDays(2), "edit", new FileChange("new.cs", 1, 0)));

        Assert.Equal(10, third.LT);
        Assert.Equal(2, third.Nuc);
    }

    [Fact]
    public void RecentExperienceWeighsOlderYearsLess()
    {
        var calc = new JitFeatureCalculator();
        calc.Next(Commit("1", "ann@x", Start.AddYears(-2), "old", new FileChange("a", 1, 0)));
        calc.Next(Commit("2", "ann@x", Start, "new", new FileChange("b", 1, 0)));
        var f = calc.Next(Commit("3", "ann@x", Start.AddDays(1), "now", new FileChange("c", 1, 0)));

        Assert.Equal(2, f.Exp);
        Assert.Equal(1 + (1.0 / 3), f.RExp, 6);
    }

    [Fact]
    public void ResumingFromSavedStateGivesTheSameFeaturesAsOneWalk()
    {
        var commits = Enumerable.Range(0, 30)
            .Select(i => Commit($"{i}", $"dev{i % 3}@x", Start.AddDays(i), i % 5 == 0 ? "fix bug" : "work",
                new FileChange($"s{i % 4}/f{i % 7}.cs", i + 1, i % 3), new FileChange($"s{i % 2}/g.cs", 2, 1)))
            .ToList();

        var single = new JitFeatureCalculator();
        var expected = commits.Select(single.Next).ToList();

        var first = new JitFeatureCalculator();
        var part1 = commits.Take(12).Select(first.Next).ToList();
        var json = System.Text.Json.JsonSerializer.Serialize(first.State);
        var resumed = new JitFeatureCalculator(System.Text.Json.JsonSerializer.Deserialize<JitState>(json));
        var part2 = commits.Skip(12).Select(resumed.Next).ToList();

        Assert.Equal(expected, part1.Concat(part2));
    }

    [Theory]
    [InlineData("Fix race in checkout", true)]
    [InlineData("Bugfix: null ref", true)]
    [InlineData("Revert \"Add cache\"", true)]
    [InlineData("Add prefix option", false)]
    [InlineData("Refactor debug helpers", false)]
    [InlineData("Add cache\n\nFixes: 1234567890ab (\"Add thing\")", true)]
    public void FixDetectionUsesWholeWordsAndTrailers(string message, bool isFix) =>
        Assert.Equal(isFix, FixDetector.IsFix(message));
}
