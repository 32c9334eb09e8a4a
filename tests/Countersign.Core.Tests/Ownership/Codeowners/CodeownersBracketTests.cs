using System.Diagnostics;
using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

/// <summary>
/// GitLab's bracket classes, and the fuzzing finding behind them: each unclosed <c>[</c> used to scan (and allocate) to
/// the end of its segment, so one 84,000-character line took 12 s and 5.8 GB. An unclosed bracket is still a literal.
/// </summary>
public sealed class CodeownersBracketTests
{
    [Fact]
    public void AnUnclosedBracketIsALiteralCharacter()
    {
        var file = CodeownersParser.Parse("/a[b @owner\n", "CODEOWNERS", CodeownersFlavor.GitLab).File;

        Assert.True(file.Match("a[b").IsOwned);
        Assert.False(file.Match("ab").IsOwned);
    }

    [Fact]
    public void AClassBeforeATrailingUnclosedBracketStillMatchesOneCharacter()
    {
        var file = CodeownersParser.Parse("/x[ab]y[ @owner\n", "CODEOWNERS", CodeownersFlavor.GitLab).File;

        Assert.True(file.Match("xay[").IsOwned);
        Assert.True(file.Match("xby[").IsOwned);
        Assert.False(file.Match("xcy[").IsOwned);
    }

    [Fact]
    public void ASegmentOfManyUnclosedBracketsParsesAndMatchesInLinearTime()
    {
        var segment = string.Concat(Enumerable.Repeat("a[", 100_000));
        var clock = Stopwatch.StartNew();

        var file = CodeownersParser.Parse($"/{segment} @owner\n/{segment}\\]x @other\n", "CODEOWNERS", CodeownersFlavor.GitLab).File;

        Assert.True(file.Match(segment).IsOwned);
        Assert.True(file.Match(segment + "]x").IsOwned);
    }
}
