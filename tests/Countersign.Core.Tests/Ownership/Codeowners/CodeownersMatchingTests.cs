using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

/// <summary>One pattern, one path: does the pattern match? Each row names the rule it pins down.</summary>
public sealed class CodeownersMatchingTests
{
    public static TheoryData<string, string, bool> GitHubCases => new()
    {
        // A lone * owns everything.
        { "*", "a/b/c.txt", true },
        // An extension glob without a slash matches at any depth; * does not cross '/'.
        { "*.js", "src/app.js", true },
        { "*.js", "src/app.jsx", false },
        // No slash: any depth, and a matched directory covers everything under it.
        { "docs", "a/docs/x.md", true },
        { "docs", "docs", true },
        // A leading slash anchors to the root.
        { "/docs", "docs/x.md", true },
        { "/docs", "a/docs/x.md", false },
        // A slash in the middle anchors too.
        { "a/b", "a/b/c", true },
        { "a/b", "x/a/b", false },
        // A trailing slash matches a directory (anywhere when otherwise unanchored) and all below it, never a file.
        { "apps/", "x/apps/y.js", true },
        { "apps/", "apps", false },
        { "/build/logs/", "build/logs/deep/x.log", true },
        { "/build/logs/", "x/build/logs/a.log", false },
        // docs/* owns direct children only (GitHub's documented difference from gitignore).
        { "docs/*", "docs/getting-started.md", true },
        { "docs/*", "docs/build-app/troubleshooting.md", false },
        { "/*", "README.md", true },
        { "/*", "src/a.cs", false },
        // ...but a last segment that merely contains * still covers a matched directory.
        { "/src/Libraries/Microsoft.Extensions.AI.*", "src/Libraries/Microsoft.Extensions.AI.Abstractions/X.cs", true },
        { "/src/*.cs", "src/a/b.cs", false },
        // ** crosses directories: leading, middle, trailing.
        { "**/logs", "a/b/logs/x", true },
        { "**/logs", "logs", true },
        { "a/**/b", "a/b", true },
        { "a/**/b", "a/x/y/b", true },
        { "a/**/b", "a/x/b/c.txt", true },
        { "a/**/b", "x/a/b", false },
        { "a/**", "a/x/y", true },
        { "a/**", "a", false },
        // ? is exactly one character, never '/'.
        { "?.txt", "a.txt", true },
        { "?.txt", "ab.txt", false },
        { "a?b", "a/b", false },
        // Escapes.
        { @"path\ with\ spaces/", "path with spaces/a", true },
        { @"foo\#bar", "foo#bar", true },
        // Paths are case-sensitive; exact names do not match prefixes.
        { "/Docs/", "docs/a", false },
        { "/src/Aspire.Hosting", "src/Aspire.Hosting.Azure/X.cs", false },
        { "*", ".hidden/x", true },
    };

    public static TheoryData<string, string, bool> GitLabCases => new()
    {
        { "*", "a/b", true },
        // A relative pattern floats to any depth, even with a slash inside (GitLab prefixes /**/).
        { "docs/a.md", "x/docs/a.md", true },
        { "internal/README.md", "internal/README.md", true },
        // Without a trailing slash a pattern names a file, not a directory's contents.
        { "/docs", "docs/a.md", false },
        { "/docs", "docs", true },
        { "/docs/", "docs/a/b.md", true },
        { "docs/", "x/docs/a", true },
        { "/docs/*", "docs/a.md", true },
        { "/docs/*", "docs/a/b.md", false },
        { "/doc/**/*.md", "doc/a.md", true },
        { "/doc/**/*.md", "doc/x/y/a.md", true },
        { "/doc/**/*.md", "doc/x/y/a.png", false },
        // A trailing ** that is not followed by '/' is a single *, as in Ruby's fnmatch (gitlab-org/gitlab!192969).
        { "/doc-locale/**", "doc-locale/x.md", true },
        { "/doc-locale/**", "doc-locale/ja/x.md", false },
        // FNM_DOTMATCH: * matches dot files.
        { "*.md", ".gitlab/a.md", true },
        { "/*.md", "README.md", true },
        { "/*.md", "docs/x.md", false },
        // Character classes work in GitLab.
        { "[abc].txt", "b.txt", true },
        { "[!abc].txt", "d.txt", true },
        { "[abc].txt", "d.txt", false },
        { @"\#file_with_pound.rb", "#file_with_pound.rb", true },
        { @"path\ with\ spaces/", "path with spaces/a", true },
    };

    [Theory]
    [MemberData(nameof(GitHubCases))]
    public void GitHubPatternsMatchLikeGitignoreExceptForDirectChildren(string pattern, string path, bool expected) =>
        Assert.Equal(expected, CodeownersPattern.Compile(pattern, CodeownersFlavor.GitHub).IsMatch(path));

    [Theory]
    [MemberData(nameof(GitLabCases))]
    public void GitLabPatternsMatchLikeRubyFnmatchAfterGitLabsRewrite(string pattern, string path, bool expected) =>
        Assert.Equal(expected, CodeownersPattern.Compile(pattern, CodeownersFlavor.GitLab).IsMatch(path));

    [Fact]
    public void TheLastMatchingRuleWinsInGitHub()
    {
        var file = CodeownersTestData.GitHub("* @all\n*.js @js\n/src/ @src\n");

        var match = file.Match("src/app.js");

        var section = Assert.Single(match.Sections);
        Assert.Equal(3, section.Rule.Line);
        Assert.Equal(["@src"], section.Owners);
        Assert.Equal("", section.Section);
        Assert.Equal(1, section.RequiredApprovals);
    }

    [Fact]
    public void ARuleWithoutOwnersLeavesThePathMatchedButUnowned()
    {
        var file = CodeownersTestData.GitHub("/apps/ @octocat\n/apps/github\n");

        var match = file.Match("apps/github/index.js");

        Assert.False(match.IsOwned);
        var section = Assert.Single(match.Sections);
        Assert.Equal(2, section.Rule.Line);
        Assert.Empty(section.Owners);
        Assert.Equal(0, section.RequiredApprovals);
    }

    [Fact]
    public void APathNoRuleMatchesHasNoSections()
    {
        var match = CodeownersTestData.GitHub("/src/ @a\n").Match("README.md");

        Assert.Empty(match.Sections);
        Assert.False(match.IsOwned);
    }

    [Fact]
    public void ALeadingSlashOnTheQueriedPathIsIgnored() =>
        Assert.True(CodeownersTestData.GitHub("/src/ @a\n").Match("/src/x.cs").IsOwned);

    [Fact]
    public void AnchoredAndFloatingRulesInterleaveInFileOrder()
    {
        // The index files /src/ rules by first segment and *.cs as floating; the later one must still win.
        var file = CodeownersTestData.GitHub("/src/ @early\n*.cs @cs\n/src/legacy/ @late\n/docs/ @docs\n");

        Assert.Equal(["@cs"], file.Match("src/a.cs").Owners);
        Assert.Equal(["@late"], file.Match("src/legacy/a.cs").Owners);
        Assert.Equal(["@early"], file.Match("src/a.txt").Owners);
    }
}
