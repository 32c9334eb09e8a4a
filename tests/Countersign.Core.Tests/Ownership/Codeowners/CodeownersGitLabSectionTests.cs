using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

public sealed class CodeownersGitLabSectionTests
{
    [Fact]
    public void EntriesWithoutOwnersInheritTheirSectionHeadersDefaultOwners()
    {
        var file = CodeownersTestData.GitLab("[Docs] @writers\n*.md\n/docs/api/ @api-writers\n");

        var readme = file.Match("README.md").Sections.Single();
        Assert.Equal(["@writers"], readme.Owners);
        Assert.True(readme.Rule.InheritsSectionOwners);
        Assert.Equal(["@api-writers"], file.Match("docs/api/x.md").Owners);
    }

    [Fact]
    public void EverySectionAppliesAndTheLastMatchWinsOnlyWithinASection()
    {
        var file = CodeownersTestData.GitLab("* @all\n[Ruby]\n*.rb @ruby\n/lib/ @lib\n[Security][2] @sec\n/lib/auth/\n");

        var match = file.Match("lib/auth/token.rb");

        Assert.Equal(["", "Ruby", "Security"], match.Sections.Select(s => s.Section));
        Assert.Equal(["@all", "@lib", "@sec"], match.Owners);
        Assert.Equal([1, 1, 2], match.Sections.Select(s => s.RequiredApprovals));
        Assert.Equal([1, 4, 6], match.Sections.Select(s => s.Rule.Line));
    }

    [Fact]
    public void SectionNamesAreMergedWithoutRegardToCaseKeepingTheFirstSpelling()
    {
        var result = CodeownersParser.Parse("[Docs]\n*.md @a\n[Ruby]\n*.rb @r\n[DOCS]\n/docs/ @b\n", "CODEOWNERS", CodeownersFlavor.GitLab);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["Docs", "Ruby"], result.File.Sections.Select(s => s.Name));
        Assert.Equal([2, 6], result.File.Sections[0].Rules.Select(r => r.Line));
        // Within the merged section the later /docs/ rule wins over *.md.
        Assert.Equal(["@b"], result.File.Match("docs/a.md").Sections.Single(s => s.Section == "Docs").Owners);
    }

    [Fact]
    public void AnOptionalSectionSuggestsOwnersButRequiresNoApproval()
    {
        var file = CodeownersTestData.GitLab("^[Docs][3] @writers\n*.md\n");

        var section = file.Match("a.md").Sections.Single();

        Assert.True(section.IsOptional);
        Assert.Equal(0, section.RequiredApprovals);
        Assert.Equal(["@writers"], section.Owners);
        Assert.True(file.Match("a.md").IsOwned);
    }

    [Fact]
    public void AnExclusionMakesThePathUnownedInItsSectionWhereverItStands()
    {
        // The exclusion comes first and a later rule matches too: GitLab still excludes ("exclusions are final").
        var file = CodeownersTestData.GitLab("!pom.xml\n* @all\n[Build]\n*.xml @build\n");

        var match = file.Match("pom.xml");

        var unnamed = match.Sections[0];
        Assert.True(unnamed.IsExcluded);
        Assert.Equal(1, unnamed.Rule.Line);
        Assert.Empty(unnamed.Owners);
        Assert.Equal(0, unnamed.RequiredApprovals);
        // Another section is not affected.
        Assert.Equal(["@build"], match.Sections[1].Owners);
        Assert.Equal(["@all"], file.Match("a.txt").Owners);
    }

    [Fact]
    public void ASectionHeaderMayCombineOptionalApprovalsAndDefaultOwners()
    {
        var section = CodeownersParser.Parse("^[Sec Ops][2] @a @b/c\n", "CODEOWNERS", CodeownersFlavor.GitLab).File.Sections.Single();

        Assert.Equal(("Sec Ops", true, 1), (section.Name, section.IsOptional, section.Line));
        Assert.Equal(["@a", "@b/c"], section.DefaultOwners);
    }

    [Fact]
    public void ParsingAGitLabFileAsGitHubReportsEveryGitLabOnlyLine()
    {
        var result = CodeownersTestData.Parse("gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitHub);

        // Exclusions and section headers; nested GitLab groups (@gitlab-org/maintainers/x) are invalid GitHub owners too.
        Assert.Subset(result.Diagnostics.Select(d => d.Line!.Value).ToHashSet(), new HashSet<int> { 15, 16, 17, 18, 19, 20, 24, 25, 33, 43, 46, 49, 52, 56 });
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }
}
