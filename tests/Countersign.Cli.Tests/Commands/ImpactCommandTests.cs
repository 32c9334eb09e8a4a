using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

public sealed class ImpactCommandTests
{
    private static string Component(string name, int tier, string owner, params string[] dependsOn) =>
        $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
          annotations:
            countersign.io/tier: "{tier}"
        spec:
          type: service
          lifecycle: production
          owner: group:{owner}
        {(dependsOn.Length == 0 ? "" : "  dependsOn:\n" + string.Concat(dependsOn.Select(d => $"    - component:{d}\n")))}
        """;

    private static TempGitRepo Shop()
    {
        var repo = TempGitRepo.Create();
        repo.Commit("Layout", new Dictionary<string, string>
        {
            ["services/payments/catalog-info.yaml"] = Component("payments", 1, "team-payments"),
            ["services/checkout/catalog-info.yaml"] = Component("checkout", 2, "team-checkout", "payments"),
            ["web/storefront/catalog-info.yaml"] = Component("storefront", 3, "team-web", "checkout"),
            ["services/payments/charge.go"] = "package payments\n",
            ["services/checkout/cart.cs"] = "class Cart {}\n",
            [".github/CODEOWNERS"] = "* @acme/platform\n/services/payments/ @acme/payments\n",
        });
        repo.Git("branch base");
        return repo;
    }

    [Fact]
    public void ImpactShowsTouchedComponentsTheirDependentsAndOwners()
    {
        using var repo = Shop();
        repo.Commit("Change checkout", new Dictionary<string, string> { ["services/checkout/cart.cs"] = "class Cart { int n; }\nclass Line {}\n" });

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "impact", "--base", "base", "--head", "HEAD", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var result = json.RootElement.GetProperty("result");
        Assert.Equal("multi-service", result.GetProperty("class").GetString());
        Assert.Equal("component:default/checkout", result.GetProperty("touched")[0].GetProperty("ref").GetString());
        var reached = result.GetProperty("reached")[0];
        Assert.Equal("component:default/storefront", reached.GetProperty("ref").GetString());
        Assert.Equal(1, reached.GetProperty("depth").GetInt32());
        var owners = result.GetProperty("owners").EnumerateArray().Select(o => o.GetString()).ToList();
        Assert.Contains("group:default/team-web", owners);
        Assert.Contains("@acme/platform", owners);
        Assert.Equal(5, result.GetProperty("score").GetDouble()); // checkout 4 + storefront 2 × 0.5
    }

    [Fact]
    public void ATierOneChangeIsCriticalAndTheTreeNamesTheDependencyPath()
    {
        using var repo = Shop();
        repo.Commit("Change payments", new Dictionary<string, string> { ["services/payments/charge.go"] = "package payments\nfunc Charge() {}\n" });

        var (code, stdout, _) = CliRunner.Run(repo.Path, "impact", "--base", "base");

        Assert.Equal(0, code);
        Assert.Contains("critical: touches tier-1 payments", stdout, StringComparison.Ordinal);
        Assert.Contains("← checkout", stdout, StringComparison.Ordinal);
        Assert.Contains("← storefront", stdout, StringComparison.Ordinal);
        Assert.Contains("@acme/payments", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownBaseIsAUsageError()
    {
        using var repo = Shop();

        var (code, _, stderr) = CliRunner.Run(repo.Path, "impact", "--base", "no-such-branch");

        Assert.Equal(2, code);
        Assert.Contains("no-such-branch", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ComponentsDescribedAtTheRootTakeTheirFoldersFromCodeowners()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("Layout", new Dictionary<string, string>
        {
            ["catalog-info.yaml"] = Component("billing", 2, "team-billing") + "---\n" + Component("ledger", 3, "team-ledger", "billing"),
            ["services/billing/a.cs"] = "a\n",
            ["services/ledger/b.cs"] = "b\n",
            ["CODEOWNERS"] = "/services/billing/ @acme/team-billing\n/services/ledger/ @acme/team-ledger\n",
        });
        repo.Git("branch base");
        repo.Commit("Change billing", new Dictionary<string, string> { ["services/billing/a.cs"] = "a\nb\n", ["notes/todo.txt"] = "x\n" });

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "impact", "--base", "base", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var result = json.RootElement.GetProperty("result");
        Assert.Equal("component:default/billing", result.GetProperty("touched")[0].GetProperty("ref").GetString());
        Assert.Equal("component:default/ledger", result.GetProperty("reached")[0].GetProperty("ref").GetString());
        Assert.Equal(["notes/todo.txt"], json.RootElement.GetProperty("ownedByNoOne").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void FilesOwnedByNoOneAreWarnedAbout()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("Layout", new Dictionary<string, string> { ["CODEOWNERS"] = "/src/ @acme/core\n", ["src/a.cs"] = "a\n" });
        repo.Git("branch base");
        repo.Commit("Add script", new Dictionary<string, string> { ["scripts/run.sh"] = "echo\n" });

        var (code, _, stderr) = CliRunner.Run(repo.Path, "impact", "--base", "base");

        Assert.Equal(0, code);
        Assert.Contains("owned by no one in CODEOWNERS: scripts/run.sh", stderr, StringComparison.Ordinal);
    }
}
