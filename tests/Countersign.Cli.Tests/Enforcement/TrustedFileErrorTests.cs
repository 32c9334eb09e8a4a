namespace Countersign.Cli.Tests.Enforcement;

/// <summary>
/// A trusted file with a problem: a CODEOWNERS line the code host rejects is skipped as the host skips it, with a warning
/// naming file and line, and never blocks a gate; an error in Countersign's own files stops the gate and names the file.
/// </summary>
public sealed class TrustedFileErrorTests
{
    private const string CodeownersWithLinesGitHubRejects =
        "* @acme/platform\n/services/payments/ @acme/payments\n/services/checkout/ @acme/checkout\n/docs/[abc]/ @jane-doe\n!/services/ @acme/platform\n";

    private static PolicyShop ShopWithBadCodeowners()
    {
        var shop = PolicyShop.Create();
        shop.Repo.Commit("CODEOWNERS: add docs owners", new Dictionary<string, string> { [".github/CODEOWNERS"] = CodeownersWithLinesGitHubRejects }, author: PolicyShop.Erin);
        return shop;
    }

    [Fact]
    public void ACodeownersLineGitHubRejectsIsSkippedWithAWarningAndCheckStillDecides()
    {
        using var shop = ShopWithBadCodeowners();

        var (code, stdout, stderr) = shop.Check();

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("ai-below-senior: pending", stdout, StringComparison.Ordinal);
        Assert.Contains(".github/CODEOWNERS:4:", stderr, StringComparison.Ordinal);
        Assert.Contains(".github/CODEOWNERS:5:", stderr, StringComparison.Ordinal);
        Assert.Contains("warning:", stderr, StringComparison.Ordinal);
        Assert.Contains("skipped", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("organisation directory is invalid", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ACodeownersLineGitHubRejectsBlocksNeitherBacktestNorDeployGateNorImpact()
    {
        using var shop = ShopWithBadCodeowners();
        shop.Repo.Git($"merge -q --no-ff {PolicyShop.Feature} -m \"Merge branch '{PolicyShop.Feature}'\"");

        var backtest = shop.Run("backtest", "--json");
        var deploy = shop.Run("deploy-gate", "--service", "payments", "--environment", "production", "--from", "main~1", "--to", "main");
        var impact = shop.Run("impact", "--base", "main~1", "--head", "main");

        Assert.True(backtest.ExitCode == 0, backtest.Stderr);
        Assert.True(deploy.ExitCode is 0 or 1, deploy.Stderr);
        Assert.True(impact.ExitCode == 0, impact.Stderr);
        Assert.All([backtest.Stderr, deploy.Stderr, impact.Stderr], e => Assert.Contains(".github/CODEOWNERS:4:", e, StringComparison.Ordinal));
    }

    [Fact]
    public void AnInvalidOrgDirectoryStopsTheGateAndTheMessageNamesThatFile()
    {
        using var shop = PolicyShop.Create();
        shop.Repo.Commit("org: typo", new Dictionary<string, string> { [".countersign/org.yaml"] = PolicyShop.Org.Replace("level: senior", "level: seniour", StringComparison.Ordinal) }, author: PolicyShop.Erin);

        var (code, stdout, stderr) = shop.Check();

        Assert.True(code == 2, stdout + stderr);
        Assert.Contains("invalid configuration in .countersign/org.yaml", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("the policy or the organisation directory", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidPolicyStopsDeployGateAndTheMessageNamesThePolicyFile()
    {
        using var shop = PolicyShop.Create();
        shop.Repo.Commit("policy: typo", new Dictionary<string, string> { [".countersign/policy.yaml"] = PolicyShop.Policy.Replace("count: 1", "count: one", StringComparison.Ordinal) }, author: PolicyShop.Erin);

        var (code, _, stderr) = shop.Run("deploy-gate", "--service", "payments", "--environment", "production", "--to", "main");

        Assert.Equal(2, code);
        Assert.Contains(".countersign/policy.yaml", stderr, StringComparison.Ordinal);
        Assert.Contains("invalid configuration in", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was decided", stderr, StringComparison.Ordinal);
    }
}
