using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

/// <summary>Real files (Data/SOURCES.md); the expected owners were worked out by reading each file.</summary>
public sealed class CodeownersRealFilesTests
{
    public static TheoryData<string, CodeownersFlavor> CleanFiles => new()
    {
        { "github/getsentry__sentry-javascript.CODEOWNERS", CodeownersFlavor.GitHub },
        { "github/google-gemini__gemini-cli.CODEOWNERS", CodeownersFlavor.GitHub },
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub },
        { "github/dotnet__aspire.CODEOWNERS", CodeownersFlavor.GitHub },
        { "github/backstage__demo.CODEOWNERS", CodeownersFlavor.GitHub },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab },
        { "gitlab/gitlabhq__gitlab-shell.CODEOWNERS", CodeownersFlavor.GitLab },
        { "gitlab/gitlabhq__cli.CODEOWNERS", CodeownersFlavor.GitLab },
    };

    /// <summary>File, path, then the owners per matching section as "Section: @a @b" (unnamed section: ": @a").</summary>
    public static TheoryData<string, CodeownersFlavor, string, string[]> Owners => new()
    {
        // GitHub's documented example.
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "README.md", [": @global-owner1 @global-owner2"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "src/app.js", [": @js-owner"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "cmd/main.go", [": docs@example.com"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "notes/a.txt", [": @octo-org/octocats"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "build/logs/2026/x.log", [": @doctocat"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "docs/build-app/troubleshooting.md", [": @doctocat"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "lib/apps/x.rb", [": @octocat"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "apps/main.js", [": @octocat"] },
        { "github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub, "apps/github/index.js", [": "] },
        // ghostty: root-level file, anchored directories and files.
        { "github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub, "src/font/face.zig", [": @ghostty-org/font"] },
        { "github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub, "src/renderer.zig", [": @ghostty-org/renderer"] },
        { "github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub, "src/renderer/Metal.zig", [": @ghostty-org/renderer"] },
        { "github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub, "po/de.po", [": @ghostty-org/de_DE"] },
        { "github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub, "po/README_TRANSLATORS.md", [": @ghostty-org/manager"] },
        { "github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub, "macos/Sources/App.swift", [": @ghostty-org/macos"] },
        { "github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub, "README.md", [] },
        // sentry-javascript: directory rules only, no default.
        { "github/getsentry__sentry-javascript.CODEOWNERS", CodeownersFlavor.GitHub, "packages/browser/src/index.ts", [": @getsentry/team-javascript-sdks-browser"] },
        { "github/getsentry__sentry-javascript.CODEOWNERS", CodeownersFlavor.GitHub, "packages/browser-utils/src/a.ts", [": @getsentry/team-javascript-sdks-browser"] },
        { "github/getsentry__sentry-javascript.CODEOWNERS", CodeownersFlavor.GitHub, "packages/nextjs/src/a.ts", [": @getsentry/team-javascript-sdks-framework"] },
        { "github/getsentry__sentry-javascript.CODEOWNERS", CodeownersFlavor.GitHub, "packages/core/src/a.ts", [] },
        // gemini-cli: * default with overrides, two owners on one line.
        { "github/google-gemini__gemini-cli.CODEOWNERS", CodeownersFlavor.GitHub, "packages/cli/src/ui/App.tsx", [": @google-gemini/gemini-cli-maintainers"] },
        { "github/google-gemini__gemini-cli.CODEOWNERS", CodeownersFlavor.GitHub, "packages/cli/package.json", [": @google-gemini/gemini-cli-askmode-approvers"] },
        { "github/google-gemini__gemini-cli.CODEOWNERS", CodeownersFlavor.GitHub, ".github/workflows/ci.yml", [": @google-gemini/gemini-cli-askmode-approvers"] },
        { "github/google-gemini__gemini-cli.CODEOWNERS", CodeownersFlavor.GitHub, "docs/tools/shell.md", [": @google-gemini/gemini-cli-maintainers @google-gemini/gemini-cli-docs"] },
        { "github/google-gemini__gemini-cli.CODEOWNERS", CodeownersFlavor.GitHub, "packages/core/src/tools/edit.ts", [": @google-gemini/gemini-cli-prompt-approvers"] },
        // dotnet/extensions: extension globs, and ".*" directory globs where the later, narrower line wins.
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub, "build.cmd", [": @dotnet/dotnet-extensions-infra"] },
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub, "src/Libraries/Microsoft.Extensions.AI/ChatClient.cs", [": @dotnet/dotnet-extensions-ai"] },
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub, "src/Libraries/Microsoft.Extensions.AI.Abstractions/ChatMessage.cs", [": @dotnet/dotnet-extensions-ai"] },
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub, "src/Libraries/Microsoft.Extensions.AI.Evaluation.Quality/Judge.cs", [": @dotnet/dotnet-extensions-ai-evaluation"] },
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub, "test/Libraries/Microsoft.Extensions.Http.Resilience.Tests/A.cs", [": @dotnet/dotnet-extensions-resilience"] },
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub, "src/Libraries/Microsoft.Extensions.Telemetry.Abstractions/Log.cs", [": @dotnet/dotnet-extensions-telemetry"] },
        { "github/dotnet__extensions.CODEOWNERS", CodeownersFlavor.GitHub, "README.md", [] },
        // aspire: /src/Aspire.Hosting does not own the sibling /src/Aspire.Hosting.Azure; trailing whitespace is harmless.
        { "github/dotnet__aspire.CODEOWNERS", CodeownersFlavor.GitHub, "src/Aspire.Hosting/Dcp/DcpHost.cs", [": @JamesNK @karolz-ms @danegsta @mitchdenny @davidfowl"] },
        { "github/dotnet__aspire.CODEOWNERS", CodeownersFlavor.GitHub, "src/Aspire.Hosting/Ats/Exports.cs", [": @sebastienros"] },
        { "github/dotnet__aspire.CODEOWNERS", CodeownersFlavor.GitHub, "src/Aspire.Hosting.Azure/AzureResource.cs", [": @eerhardt @mitchdenny"] },
        { "github/dotnet__aspire.CODEOWNERS", CodeownersFlavor.GitHub, "src/Aspire.Hosting.Azure.Functions/F.cs", [": @eerhardt"] },
        { "github/dotnet__aspire.CODEOWNERS", CodeownersFlavor.GitHub, "tests/templates.proj", [": @radical @eerhardt"] },
        { "github/dotnet__aspire.CODEOWNERS", CodeownersFlavor.GitHub, "extension/package.json", [": @adamint"] },
        { "github/backstage__demo.CODEOWNERS", CodeownersFlavor.GitHub, "packages/app/src/App.tsx", [": @backstage/operations-maintainers @MihaiTabara"] },
        // omnibus-gitlab: exclusions in the unnamed section, optional sections, inherited default owners.
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, "lib/gitlab/util.rb",
            [": @gitlab-org/maintainers/distribution-build @gitlab-org/maintainers/distribution-package-configuration @gitlab-org/delivery @gitlab-org/tw-leadership",
             "Distribution Build: @gitlab-org/maintainers/distribution-build"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, "doc/install.md", [": ", "Documentation Directories: @axil @eread"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, "doc/settings/img/x.png", [": ", "Documentation Directories: @axil @eread"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, "doc/.vale/rules.yml",
            [": @gitlab-org/technical-writing/tw-docops @gitlab-org/tw-leadership", "Documentation Directories: @axil @eread"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, "doc-locale/ja-jp/index.md",
            [": ", "Localization Team: @gitlab-com/localization/maintainers/japanese @gitlab-com/localization/maintainers/tech-docs"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, "config/software/registry.rb",
            [": @gitlab-org/maintainers/distribution-build @gitlab-org/maintainers/distribution-package-configuration @gitlab-org/delivery @gitlab-org/tw-leadership",
             "Distribution Build: @gitlab-org/maintainers/distribution-build @gitlab-org/maintainers/container-registry"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, "files/gitlab-cookbooks/registry/recipes/enable.rb",
            [": @gitlab-org/maintainers/distribution-build @gitlab-org/maintainers/distribution-package-configuration @gitlab-org/delivery @gitlab-org/tw-leadership",
             "Distribution Cookbooks: @gitlab-org/maintainers/distribution-package-configuration",
             "Container Registry: @gitlab-org/maintainers/container-registry"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, ".gitlab/CODEOWNERS",
            [": @gitlab-org/development-leaders @gitlab-org/tw-leadership @gitlab-org/maintainers/distribution-build"] },
        { "gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab, ".gitlab/issue_templates/Bug.md", [": "] },
        // gitlab-shell: owner-less lines inherit [Documentation] @gl-docsteam.
        { "gitlab/gitlabhq__gitlab-shell.CODEOWNERS", CodeownersFlavor.GitLab, "README.md", [": @gitlab-org/maintainers/gitlab-shell", "Documentation: @gl-docsteam"] },
        { "gitlab/gitlabhq__gitlab-shell.CODEOWNERS", CodeownersFlavor.GitLab, "doc/architecture.png", [": @gitlab-org/maintainers/gitlab-shell", "Documentation: @gl-docsteam"] },
        { "gitlab/gitlabhq__gitlab-shell.CODEOWNERS", CodeownersFlavor.GitLab, "internal/command/x.go", [": @gitlab-org/maintainers/gitlab-shell"] },
        // gitlab cli: the file starts with an optional section; /*.md is root-only.
        { "gitlab/gitlabhq__cli.CODEOWNERS", CodeownersFlavor.GitLab, "README.md", ["Documentation Pages: @aqualls"] },
        { "gitlab/gitlabhq__cli.CODEOWNERS", CodeownersFlavor.GitLab, "docs/source/index.md", ["Documentation Pages: @aqualls"] },
        { "gitlab/gitlabhq__cli.CODEOWNERS", CodeownersFlavor.GitLab, "internal/README.md", [] },
    };

    [Theory]
    [MemberData(nameof(CleanFiles))]
    public void RealFilesParseWithoutDiagnostics(string name, CodeownersFlavor flavor) =>
        Assert.Empty(CodeownersTestData.Parse(name, flavor).Diagnostics);

    [Fact]
    public void GhosttysInlineCommentIsReadAsACommentWithOneWarning()
    {
        var result = CodeownersTestData.Parse("github/ghostty-org__ghostty.CODEOWNERS", CodeownersFlavor.GitHub);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 165, 49), (warning.Severity, warning.Line, warning.Column));
        Assert.Equal(["@ghostty-org/manager"], result.File.Sections[0].Rules.Single(r => r.Line == 165).Owners);
    }

    [Theory]
    [MemberData(nameof(Owners))]
    public void RealFilesGiveTheOwnersTheirAuthorsIntended(string name, CodeownersFlavor flavor, string path, string[] expected)
    {
        var match = CodeownersTestData.Parse(name, flavor).File.Match(path);

        Assert.Equal(expected, match.Sections.Select(s => $"{s.Section}: {string.Join(' ', s.Owners)}"));
    }

    [Fact]
    public void TheGitHubExampleReportsTheOwnerlessRuleThatUnownsAppsGitHub()
    {
        var match = CodeownersTestData.Parse("github/github-docs-example.CODEOWNERS", CodeownersFlavor.GitHub).File.Match("apps/github/index.js");

        Assert.False(match.IsOwned);
        Assert.Equal((50, "/apps/github"), (match.Sections[0].Rule.Line, match.Sections[0].Rule.Pattern));
    }

    [Fact]
    public void OmnibusExcludedDocsAreOwnedOnlyByTheOptionalDocumentationSection()
    {
        var match = CodeownersTestData.Parse("gitlab/gitlabhq__omnibus-gitlab.CODEOWNERS", CodeownersFlavor.GitLab).File.Match("doc/install.md");

        Assert.True(match.Sections[0].IsExcluded);
        Assert.Equal((17, "!/doc/*.md"), (match.Sections[0].Rule.Line, match.Sections[0].Rule.Pattern));
        Assert.True(match.Sections[1].IsOptional);
        Assert.Equal(0, match.Sections.Sum(s => s.RequiredApprovals));
        Assert.True(match.Sections[1].Rule.InheritsSectionOwners);
    }
}
