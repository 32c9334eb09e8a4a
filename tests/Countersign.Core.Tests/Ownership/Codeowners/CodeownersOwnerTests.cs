using System.Diagnostics;
using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

/// <summary>
/// Owner syntax, and the fuzzing finding behind its e-mail check: a 127,000-character owner token of dots, with a second
/// <c>@</c>, took the backtracking pattern <c>^[^@\s]+@[^@\s]+\.[^@\s]+$</c> 26 s of CPU (codeowners input 829,969 of seed 1).
/// </summary>
public sealed class CodeownersOwnerTests
{
    [Theory]
    [InlineData("jane@example.com", true)]
    [InlineData("j.doe+ops@mail.example.co.uk", true)]
    [InlineData("a@b.c", true)]
    [InlineData("@example.com", false)]
    [InlineData("jane@", false)]
    [InlineData("jane@example", false)]
    [InlineData("jane@.com", false)]
    [InlineData("jane@example.", false)]
    [InlineData("jane@exa@mple.com", false)]
    [InlineData("ja ne@example.com", false)]
    [InlineData("jane@example.com\u00a0", false)]
    public void AnEmailOwnerNeedsOneAtTextOnBothSidesAndADotInsideTheDomain(string owner, bool valid)
    {
        var result = CodeownersParser.Parse($"/docs/ {owner}\n", "CODEOWNERS", CodeownersFlavor.GitHub);

        Assert.Equal(valid, result.File.Match("docs/a.md").IsOwned);
        Assert.Equal(valid, !result.Diagnostics.Any(d => d.Message.Contains("not a valid owner", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(CodeownersFlavor.GitHub)]
    [InlineData(CodeownersFlavor.GitLab)]
    public void AHugeOwnerTokenIsRejectedInLinearTimeWithABoundedMessage(CodeownersFlavor flavor)
    {
        var token = "docs@example.co" + new string('$', 1300) + "." + string.Concat(Enumerable.Repeat("a.", 60_000)) + "@x";
        var clock = Stopwatch.StartNew();

        var result = CodeownersParser.Parse($"*.go {token}\n*.md @docs\n", "CODEOWNERS", flavor);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Diagnostics, d => d.Message.Contains("not a valid owner", StringComparison.Ordinal));
        Assert.True(error.Message.Length < 400, $"message of {error.Message.Length} characters");
        Assert.True(result.File.Match("README.md").IsOwned);
    }

    [Fact]
    public void AnOwnerLongerThanAnyForgeAllowsIsInvalidEvenWhenWellFormed()
    {
        var owner = new string('a', CodeownersOwnerSyntax.MaxOwnerLength) + "@example.com";

        var result = CodeownersParser.Parse($"* {owner}\n", "CODEOWNERS", CodeownersFlavor.GitHub);

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("not a valid owner", StringComparison.Ordinal));
    }
}
