using Countersign.Core.Policy.Compilation;

namespace Countersign.Core.Tests.Policy.Compilation;

public sealed class GlobSyntaxTests
{
    [Theory]
    [InlineData("services/payments/", "services/payments/**")]
    [InlineData("/services/payments/**", "services/payments/**")]
    [InlineData("**/*.md", "**/*.md")]
    [InlineData("release/*", "release/*")]
    [InlineData("src/[a-c]*/x.go", "src/[a-c]*/x.go")]
    [InlineData("src/[!.]*", "src/[!.]*")]
    [InlineData("/", "**")]
    [InlineData("Makefile", "Makefile")]
    public void GoodGlobsAreNormalised(string glob, string pattern) => Assert.Equal((pattern, null), GlobSyntax.Check(glob));

    [Theory]
    [InlineData("", "an empty glob matches nothing")]
    [InlineData("!docs/", "negation is not supported: list exclusions under paths.none, or wrap the condition in not")]
    [InlineData("src\\main", "use / between folders (a backslash is not a separator)")]
    [InlineData("*.{cs,go}", "braces are not supported: give each alternative as its own glob")]
    [InlineData("src//x", "an empty folder name (//) matches nothing")]
    [InlineData("src/**x", "** must be a whole path segment: '**x' (write **/*x or *x)")]
    [InlineData("src/[a-", "'[' at position 5 is never closed with ']'")]
    [InlineData("src/[]", "an empty character class ([]) matches nothing")]
    [InlineData("src/[z-a]", "the range z-a is backwards (write a-z)")]
    [InlineData("src/[a/b]", "a character class cannot contain /")]
    public void BadGlobsSayWhatToWriteInstead(string glob, string problem) => Assert.Equal((null, problem), GlobSyntax.Check(glob));

    [Fact]
    public void ACompiledFolderGlobMatchesEverythingUnderTheFolderOnly()
    {
        var paths = Assert.IsType<Countersign.Core.Policy.Conditions.PathsCondition>(Compile.If("{paths: {any: [services/payments/]}}"));
        Assert.True(paths.Selects("services/payments/a/b.go"));
        Assert.False(paths.Selects("services/payments-v2/a.go"));
        Assert.False(paths.Selects("services/payments"));
    }
}
