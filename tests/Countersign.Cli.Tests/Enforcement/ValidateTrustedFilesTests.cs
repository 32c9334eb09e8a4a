using Countersign.Core.Policy.Compilation;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>
/// <c>policy validate</c> checks every trusted file of the working tree, not only the policy: org directory, CODEOWNERS in
/// every place GitHub and GitLab look, the catalog, the signatures file and .mailmap — naming file, line and column.
/// </summary>
public sealed class ValidateTrustedFilesTests
{
    private static TempGitRepo Tree(IReadOnlyDictionary<string, string> files)
    {
        var repo = TempGitRepo.Create();
        var all = new Dictionary<string, string>
        {
            [".countersign/policy.yaml"] = DefaultPolicy.Text,
            [".countersign/org.yaml"] = PolicyShop.Org,
        };
        foreach (var (path, text) in files)
        {
            all[path] = text;
        }

        repo.Commit("Set up", all);
        return repo;
    }

    [Fact]
    public void ACodeownersLineGitHubRejectsFailsValidateWithFileLineAndColumn()
    {
        using var repo = Tree(new Dictionary<string, string> { [".github/CODEOWNERS"] = "* @acme/platform\n/docs/[abc]/ @jane-doe\n" });

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "policy", "validate");

        Assert.True(code == 2, stdout + stderr);
        Assert.Contains(".github/CODEOWNERS:2:7: error:", stderr, StringComparison.Ordinal);
        Assert.Contains("1 error(s) in .github/CODEOWNERS", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ACodeownersFileTheForgeDoesNotReadIsStillCheckedAndNamedAsIgnored()
    {
        using var repo = Tree(new Dictionary<string, string>
        {
            [".github/CODEOWNERS"] = "* @acme/platform\n",
            ["docs/CODEOWNERS"] = "\\#notes @acme/platform\n",
        });

        var (code, _, stderr) = CliRunner.Run(repo.Path, "policy", "validate");

        Assert.Equal(2, code);
        Assert.Contains("docs/CODEOWNERS: warning: this CODEOWNERS file is not read: .github/CODEOWNERS comes first", stderr, StringComparison.Ordinal);
        Assert.Contains("docs/CODEOWNERS:1:1: error:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsInTheCatalogSignaturesAndMailmapAreNamedWithTheirFiles()
    {
        using var repo = Tree(new Dictionary<string, string>
        {
            ["services/pay/catalog-info.yaml"] = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \"no spaces allowed\"\n",
            [".countersign/signatures.yaml"] = "version: 1\ntools:\n  - name: Helper\n",
            [".mailmap"] = "Just A Name Without An Email\n",
        });

        var (code, _, stderr) = CliRunner.Run(repo.Path, "policy", "validate");

        Assert.Equal(2, code);
        Assert.Contains("services/pay/catalog-info.yaml:4:", stderr, StringComparison.Ordinal);
        Assert.Contains(".countersign/signatures.yaml:3:", stderr, StringComparison.Ordinal);
        Assert.Contains(".mailmap:1:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExtendedPolicyFileIsCheckedAndListed()
    {
        using var repo = Tree(new Dictionary<string, string>
        {
            [".countersign/policy.yaml"] = "version: 1\nextends: [base.yaml]\n",
            [".countersign/base.yaml"] = "version: 1\nrules:\n  - name: r\n    requires: {count: lots}\n",
        });

        var (code, _, stderr) = CliRunner.Run(repo.Path, "policy", "validate");

        Assert.Equal(2, code);
        Assert.Contains("base.yaml:4:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidSetUpListsEveryTrustedFileItChecked()
    {
        using var repo = Tree(new Dictionary<string, string>
        {
            [".github/CODEOWNERS"] = "* @acme/platform\n",
            ["services/pay/catalog-info.yaml"] = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: pay\nspec:\n  type: service\n  lifecycle: production\n  owner: group:payments\n",
        });

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "policy", "validate", "--json");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("\".github/CODEOWNERS\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"services/pay/catalog-info.yaml\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\".countersign/org.yaml\"", stdout, StringComparison.Ordinal);
    }
}
