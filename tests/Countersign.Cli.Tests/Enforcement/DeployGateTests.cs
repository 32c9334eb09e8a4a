namespace Countersign.Cli.Tests.Enforcement;

/// <summary>The deploy gate: what ships must be signed off, found again by patch identity after the merge.</summary>
public sealed class DeployGateTests
{
    [Fact]
    public void AMergedChangeApprovedOnItsBranchMayShipAndTheDecisionIsRecorded()
    {
        using var shop = PolicyShop.Create();
        var running = shop.Repo.Git("rev-parse main").Trim();
        Assert.Equal(0, shop.Approve("erin").ExitCode);
        shop.Repo.Git($"merge -q --no-ff -m \"Merge {PolicyShop.Feature}\" {PolicyShop.Feature}");
        var (code, stdout, stderr) = shop.Run("deploy-gate", "--service", "payments", "--environment", "production", "--from", running, "--to", "main");
        Assert.True(code == 0, stdout + stderr);
        Assert.True(stdout.Contains("✔ deploy allowed: payments to production — 1 change(s) affect the service, 0 not satisfied (decision #1 recorded)", StringComparison.Ordinal), stdout);
    }

    [Fact]
    public void AnUnsignedChangeBlocksTheDeployOfEveryServiceItReaches()
    {
        using var shop = PolicyShop.Create();
        var running = shop.Repo.Git("rev-parse main").Trim();
        shop.Repo.Git($"merge -q --no-ff -m \"Merge {PolicyShop.Feature}\" {PolicyShop.Feature}");
        var payments = shop.Run("deploy-gate", "--service", "payments", "--environment", "production", "--from", running, "--to", "main");
        Assert.Equal(1, payments.ExitCode);
        Assert.Contains("deploy blocked", payments.Stdout, StringComparison.Ordinal);
        Assert.Contains("ai-below-senior: pending", payments.Stdout, StringComparison.Ordinal);
        var checkout = shop.Run("deploy-gate", "--service", "checkout", "--environment", "production", "--from", running, "--to", "main", "--json");
        Assert.Equal(1, checkout.ExitCode);
        Assert.Contains("\"allowed\": false", checkout.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Merge pull request #5 from acme/copilot/fix-refunds", 1)]
    [InlineData("Merge branch 'fix-refunds'", 0)]
    public void AnAgentsBranchNamedByTheMergeMakesTheShippedChangeAiAssisted(string mergeSubject, int expectedExit)
    {
        using var shop = PolicyShop.Create();
        var running = shop.Repo.Git("rev-parse main").Trim();
        // The commit itself carries no AI marker: only the branch it came from says an agent wrote it.
        shop.Repo.Git("checkout -q -b fix-refunds main");
        shop.Repo.Commit("payments: fix refunds", new Dictionary<string, string> { ["services/payments/fix.go"] = "package payments\n\nfunc Fix() {}\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        shop.Repo.Git($"merge -q --no-ff -m \"{mergeSubject.Replace("\"", "\\\"", StringComparison.Ordinal)}\" fix-refunds");
        var (code, stdout, stderr) = shop.Run("deploy-gate", "--service", "payments", "--environment", "production", "--from", running, "--to", "main");
        Assert.True(code == expectedExit, stdout + stderr);
        if (expectedExit == 1)
        {
            Assert.Contains("ai-below-senior: pending", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnUnknownServiceIsAConfigurationError()
    {
        using var shop = PolicyShop.Create();
        var (code, _, stderr) = shop.Run("deploy-gate", "--service", "nope", "--environment", "production", "--to", "main");
        Assert.Equal(2, code);
        Assert.Contains("unknown service 'nope'", stderr, StringComparison.Ordinal);
        Assert.Contains("known: checkout, payments", stderr, StringComparison.Ordinal);
    }
}
