using Countersign.Core.Policy.Backtesting;

namespace Countersign.Core.Tests.Policy.Backtesting;

public sealed class BacktestLabelTests
{
    private const string A = "aaaaaaa1111111111111111111111111111111111";
    private const string B = "bbbbbbb2222222222222222222222222222222222";
    private const string Merge = "ccccccc3333333333333333333333333333333333";

    private static BacktestChange Change(string sha, params string[] commits) =>
        new(sha, commits.Length > 0, DateTimeOffset.UnixEpoch, "subject", 1, [.. commits, sha], [], false);

    [Fact]
    public void GitRevertsOwnLineNamesTheRevertedCommit()
    {
        var found = DefectReferences.Find($"Revert \"payments: refunds\"\n\nThis reverts commit {A.ToUpperInvariant()}.\n");
        Assert.Equal([(OutcomeKind.Reverted, A)], found);
    }

    [Fact]
    public void AKernelStyleFixesTrailerNamesACommitPrefix()
    {
        var found = DefectReferences.Find("net: fix a leak\n\nLonger story.\n\nFixes: aaaaaaa11111 (\"net: add a cache\")\nSigned-off-by: Ann <ann@x.org>\n");
        Assert.Equal([(OutcomeKind.Fixed, "aaaaaaa11111")], found);
    }

    [Theory]
    [InlineData("checkout: totals\n\nFixes: #123\n")]
    [InlineData("checkout: totals\n\nFixes: abc12\n")]
    [InlineData("checkout: totals\n\nFixes: aaaaaaa1111 in the body is prose, not a trailer.\nSee below.\n\nReviewed: yes, twice\nand more prose\n")]
    [InlineData("Closes: aaaaaaa11111\n")]
    [InlineData("Mention: This reverts commit in prose\n")]
    public void IssuesShortHexAndProseNameNoCommit(string message) => Assert.Empty(DefectReferences.Find(message));

    [Fact]
    public void ALaterCommitLabelsTheChangeHoldingTheCommitItNames()
    {
        var changes = new[] { Change(Merge, A), Change(B) };
        var labelled = OutcomeLabeler.Label(changes, [("ddddddd", $"Revert\n\nThis reverts commit {A}.\n"), ("eeeeeee", "fix\n\nFixes: bbbbbbb2\n")]);
        Assert.Equal([new OutcomeLink(OutcomeKind.Reverted, A, "ddddddd")], labelled[0].BadBecause);
        Assert.Equal([new OutcomeLink(OutcomeKind.Fixed, B, "eeeeeee")], labelled[1].BadBecause);
    }

    [Fact]
    public void RevertingTheMergeItselfLabelsTheMergedChange()
    {
        var labelled = OutcomeLabeler.Label([Change(Merge, A)], [("ddddddd", $"Revert \"Merge branch 'x'\"\n\nThis reverts commit {Merge}, reversing\nchanges made to {B}.\n")]);
        Assert.True(labelled[0].Bad);
    }

    [Fact]
    public void AFixInsideTheSameChangeDoesNotCountBecauseTheMistakeNeverLanded()
    {
        var labelled = OutcomeLabeler.Label([Change(Merge, A, B)], [(B, $"Revert\n\nThis reverts commit {A}.\n")]);
        Assert.False(labelled[0].Bad);
    }

    [Fact]
    public void AnAmbiguousPrefixLabelsNothing()
    {
        const string Twin = "aaaaaaa1999999999999999999999999999999999";
        var labelled = OutcomeLabeler.Label([Change(A), Change(Twin)], [("ddddddd", "fix\n\nFixes: aaaaaaa1\n")]);
        Assert.All(labelled, c => Assert.False(c.Bad));
    }
}
