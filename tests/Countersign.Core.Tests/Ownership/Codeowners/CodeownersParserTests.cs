using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

public sealed class CodeownersParserTests
{
    /// <summary>Flavor, text, then the one expected diagnostic: line, column, severity, a fragment of its message.</summary>
    public static TheoryData<CodeownersFlavor, string, int, int, DiagnosticSeverity, string> OneDiagnostic => new()
    {
        { CodeownersFlavor.GitHub, "!/secret @a", 1, 1, DiagnosticSeverity.Error, "negation" },
        { CodeownersFlavor.GitHub, "*.[ch] @a", 1, 3, DiagnosticSeverity.Error, "character ranges" },
        { CodeownersFlavor.GitHub, "[Docs] @a", 1, 1, DiagnosticSeverity.Error, "section headers" },
        { CodeownersFlavor.GitHub, "\\#file @a", 1, 1, DiagnosticSeverity.Error, "leading '#'" },
        { CodeownersFlavor.GitHub, "/ @a", 1, 1, DiagnosticSeverity.Error, "never matches" },
        { CodeownersFlavor.GitHub, "src/*** @a", 1, 5, DiagnosticSeverity.Error, "'***'" },
        { CodeownersFlavor.GitHub, "a//b @a", 1, 2, DiagnosticSeverity.Error, "empty path segment" },
        { CodeownersFlavor.GitHub, "a\\", 1, 2, DiagnosticSeverity.Error, "lone" },
        // GitHub's own example of its errors API: "Invalid owner on line 7 ... * user", column 3.
        { CodeownersFlavor.GitHub, "# a\n\n\n\n\n\n* user", 7, 3, DiagnosticSeverity.Error, "'user' is not a valid owner" },
        { CodeownersFlavor.GitHub, "* @a @@maintainer", 1, 6, DiagnosticSeverity.Error, "not a valid owner" },
        { CodeownersFlavor.GitHub, "  /x\t@a # note", 1, 9, DiagnosticSeverity.Warning, "comment" },
        { CodeownersFlavor.GitLab, "[Docs][0] @a", 1, 8, DiagnosticSeverity.Error, "required approvals" },
        { CodeownersFlavor.GitLab, "[Docs][two] @a", 1, 8, DiagnosticSeverity.Error, "required approvals" },
        { CodeownersFlavor.GitLab, "[ ] @a", 1, 2, DiagnosticSeverity.Error, "section name is empty" },
        { CodeownersFlavor.GitLab, "[Docs @a", 1, 1, DiagnosticSeverity.Error, "closing ']'" },
        { CodeownersFlavor.GitLab, "[Docs]x @a", 1, 7, DiagnosticSeverity.Error, "unexpected text" },
        { CodeownersFlavor.GitLab, "[Docs] @a bad", 1, 11, DiagnosticSeverity.Error, "not a valid owner" },
        { CodeownersFlavor.GitLab, "[A]\n* @a\n[a][2]", 3, 1, DiagnosticSeverity.Warning, "different settings" },
        { CodeownersFlavor.GitLab, "* @a\n!*.md @b", 2, 7, DiagnosticSeverity.Warning, "exclusion are ignored" },
        { CodeownersFlavor.GitLab, "! @a", 1, 2, DiagnosticSeverity.Error, "needs a pattern" },
        { CodeownersFlavor.GitLab, "\n  *.md", 2, 3, DiagnosticSeverity.Warning, "zero owners" },
        { CodeownersFlavor.GitLab, "* user", 1, 3, DiagnosticSeverity.Error, "not a valid owner" },
    };

    [Theory]
    [MemberData(nameof(OneDiagnostic))]
    public void EachProblemIsReportedOnceWithItsLineAndColumn(
        CodeownersFlavor flavor, string text, int line, int column, DiagnosticSeverity severity, string fragment)
    {
        var result = CodeownersParser.Parse(text, "CODEOWNERS", flavor);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((line, column, severity), (diagnostic.Line, diagnostic.Column, diagnostic.Severity));
        Assert.Contains(fragment, diagnostic.Message);
        Assert.Equal("CODEOWNERS", diagnostic.Source);
    }

    [Fact]
    public void ALineWithAnErrorIsSkippedAndTheRestOfTheFileStillApplies()
    {
        var result = CodeownersParser.Parse("* @all\n*.js user\n!*.md @docs\n/src/ @src\n", "CODEOWNERS", CodeownersFlavor.GitHub);

        Assert.Equal([2, 3], result.Diagnostics.Select(d => d.Line));
        Assert.True(result.HasErrors);
        Assert.Equal([1, 4], result.File.Sections.Single().Rules.Select(r => r.Line));
        Assert.Equal(["@all"], result.File.Match("app.js").Owners);
    }

    [Fact]
    public void OwnersCanBeUsersTeamsAndEmails()
    {
        var result = CodeownersParser.Parse("* @octocat @octo-org/octocats docs@example.com\n", "CODEOWNERS", CodeownersFlavor.GitHub);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["@octocat", "@octo-org/octocats", "docs@example.com"], result.File.Sections[0].Rules[0].Owners);
    }

    [Fact]
    public void GitLabAcceptsNestedGroupsAndRoles()
    {
        var result = CodeownersParser.Parse("* @group/with-nested/subgroup @@maintainer @user.name\n", "CODEOWNERS", CodeownersFlavor.GitLab);

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void CommentsBlankLinesCarriageReturnsAndAByteOrderMarkAreIgnored()
    {
        var result = CodeownersParser.Parse("\uFEFF# comment\r\n\r\n   # indented comment\r\n*.go docs@example.com\r\n", "CODEOWNERS", CodeownersFlavor.GitHub);

        Assert.Empty(result.Diagnostics);
        var rule = Assert.Single(result.File.Sections[0].Rules);
        Assert.Equal((4, "*.go"), (rule.Line, rule.Pattern));
    }

    [Fact]
    public void AGitHubFileHasExactlyOneUnnamedSectionEvenWhenEmpty()
    {
        var section = Assert.Single(CodeownersParser.Parse("", "CODEOWNERS", CodeownersFlavor.GitHub).File.Sections);

        Assert.Equal(("", 1, false, (int?)null), (section.Name, section.RequiredApprovals, section.IsOptional, section.Line));
    }
}
