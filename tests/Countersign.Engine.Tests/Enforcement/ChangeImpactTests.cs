using Countersign.Engine.Ownership;
using Countersign.Git;
using Countersign.Testing;

namespace Countersign.Engine.Tests.Enforcement;

public sealed class ChangeImpactTests
{
    [Fact]
    public void TheImpactOfADiffNamesItsFilesTheirOwnersAndTheFilesNobodyOwns()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("set up", new Dictionary<string, string>
        {
            [".github/CODEOWNERS"] = "/services/ @acme/payments\n",
            ["services/charge.go"] = "package services\n",
        });
        repo.Commit("change", new Dictionary<string, string>
        {
            ["services/refund.go"] = "package services\n",
            ["tools/lint.sh"] = "#!/bin/sh\n",
        });

        var impact = ChangeImpact.Measure(GitRepository.Open(repo.Path), "HEAD~1", "HEAD");

        Assert.Equal(["services/refund.go", "tools/lint.sh"], impact.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["tools/lint.sh"], impact.OwnedByNoOne);
        Assert.Equal(".github/CODEOWNERS", impact.Ownership.Codeowners?.Source);
    }
}
