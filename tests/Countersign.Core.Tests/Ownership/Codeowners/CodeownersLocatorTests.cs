using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

public sealed class CodeownersLocatorTests
{
    [Fact]
    public void GitHubLooksInDotGitHubThenTheRootThenDocs() =>
        Assert.Equal([".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"], CodeownersLocator.Candidates(CodeownersFlavor.GitHub));

    [Fact]
    public void GitLabLooksInTheRootThenDocsThenDotGitLab() =>
        Assert.Equal(["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"], CodeownersLocator.Candidates(CodeownersFlavor.GitLab));
}
