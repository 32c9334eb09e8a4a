using System.Text.Json;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>Stories on real repositories: a junior's AI-assisted change waits for its senior owner, and only the right people can release it.</summary>
public sealed class CheckAndApproveTests
{
    [Fact]
    public void AJuniorsAiAssistedChangeIsPendingAndNamesWhoCanSignItOff()
    {
        using var shop = PolicyShop.Create();
        var (code, stdout, stderr) = shop.Check();
        Assert.True(code == 1, stderr);
        Assert.Contains("✘ pending: 1 of 1 applying enforced rule needs sign-off", stdout, StringComparison.Ordinal);
        Assert.Contains("● ai-below-senior: pending", stdout, StringComparison.Ordinal);
        Assert.Contains("applies: all of its conditions hold", stdout, StringComparison.Ordinal);
        Assert.Contains("can give it: Erin Senior (senior)", stdout, StringComparison.Ordinal);
        Assert.Contains("○ payments-docs (warn only): skipped", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSeniorOwnersApprovalSatisfiesTheCheck()
    {
        using var shop = PolicyShop.Create();
        var (code, stdout, stderr) = shop.Approve("erin", "--comment", "looks right");
        Assert.True(code == 0, stderr);
        Assert.Contains("Recorded approval by Erin Senior", stdout, StringComparison.Ordinal);
        var check = shop.Check();
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.Contains("✔ satisfied: all 1 applying enforced rule is signed off", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("approved by Erin Senior", check.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dana", "Dana Junior is the author")]
    [InlineData("sam", "Sam Senior owns none of payments (catalog) or services/payments/ (CODEOWNERS)")]
    [InlineData("bob", "Bob Mid is mid, the rule needs senior or above")]
    public void IneligiblePeopleAreRefusedWithTheReasonAndNothingIsRecorded(string who, string reason)
    {
        using var shop = PolicyShop.Create();
        var (code, _, stderr) = shop.Approve(who);
        Assert.Equal(1, code);
        Assert.Contains("nothing was recorded", stderr, StringComparison.Ordinal);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Equal(1, shop.Check().ExitCode);
    }

    [Fact]
    public void BotsAndStrangersCannotSignAtAll()
    {
        using var shop = PolicyShop.Create();
        var bot = shop.Approve("@dependabot[bot]");
        Assert.Equal(2, bot.ExitCode);
        Assert.Contains("bots never sign off", bot.Stderr, StringComparison.Ordinal);
        var stranger = shop.Approve("mallory@evil.test");
        Assert.Equal(2, stranger.ExitCode);
    }

    [Fact]
    public void TheHumanWhoPromptedAnAgentCannotApproveItsWork()
    {
        using var shop = PolicyShop.Create();
        // Dana's change; then Erin asks an agent to finish it: Erin prompted the agent and may not approve.
        shop.Repo.Git($"checkout -q -b agent-work {PolicyShop.Feature}");
        shop.Repo.Commit("payments: retry charges", new Dictionary<string, string> { ["services/payments/retry.go"] = "package payments\n" },
            author: ("Copilot", "198982749+Copilot@users.noreply.github.com"), committer: PolicyShop.Erin);
        var (code, _, stderr) = shop.Run("approve", "--base", "main", "--head", "agent-work", "--as", "erin");
        Assert.Equal(1, code);
        Assert.Contains("Erin Senior prompted the agent that wrote it", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ASignOffSurvivesAPureRebaseButNotNewContent()
    {
        using var shop = PolicyShop.Create();
        Assert.Equal(0, shop.Approve("erin").ExitCode);

        // main moves on; the feature is rebased onto it without changing its content.
        shop.Repo.Commit("docs: index", new Dictionary<string, string> { ["docs/index.md"] = "# Docs\n\nMore.\n" }, author: PolicyShop.Erin);
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Git("rebase -q main");
        var rebased = shop.Check();
        Assert.True(rebased.ExitCode == 0, rebased.Stdout);

        shop.Repo.Commit("payments: partial refunds", new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\n\nfunc Refund(partial bool) {}\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        var changed = shop.Check();
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("dismissed: Erin Senior's approval of", changed.Stdout, StringComparison.Ordinal);
        Assert.True(changed.Stdout.Contains("new content since then (patch", StringComparison.Ordinal), changed.Stdout);
    }

    [Fact]
    public void ARejectionBlocksUntilTheSameReviewerApproves()
    {
        using var shop = PolicyShop.Create();
        Assert.Equal(0, shop.Run("reject", "--base", "main", "--head", PolicyShop.Feature, "--as", "erin", "--comment", "refunds need idempotency keys").ExitCode);
        var rejected = shop.Check();
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("✘ rejected", rejected.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"refunds need idempotency keys\"", rejected.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, shop.RunAt(TimeSpan.FromMinutes(5), "approve", "--base", "main", "--head", PolicyShop.Feature, "--as", "erin").ExitCode);
        Assert.Equal(0, shop.RunAt(TimeSpan.FromMinutes(6), "check", "--base", "main", "--head", PolicyShop.Feature).ExitCode);
    }

    [Fact]
    public void BreakGlassNeedsAnAllowedPersonAndAReasonAndIsFlaggedWhenNotReviewed()
    {
        using var shop = PolicyShop.Create();
        var refused = shop.Run("break-glass", "--base", "main", "--head", PolicyShop.Feature, "--as", "erin", "--reason", "payments are down");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the rule needs staff or above", refused.Stderr, StringComparison.Ordinal);
        var tooShort = shop.Run("break-glass", "--base", "main", "--head", PolicyShop.Feature, "--as", "pat", "--reason", "urgent");
        Assert.Equal(1, tooShort.ExitCode);

        Assert.Equal(0, shop.Run("break-glass", "--base", "main", "--head", PolicyShop.Feature, "--as", "pat", "--reason", "payments are down, INC-7").ExitCode);
        var passed = shop.RunAt(TimeSpan.FromHours(1), "check", "--base", "main", "--head", PolicyShop.Feature);
        Assert.Equal(0, passed.ExitCode);
        Assert.Contains("passed by break-glass from Pat Staff (review pending)", passed.Stdout, StringComparison.Ordinal);
        var overdue = shop.RunAt(TimeSpan.FromHours(30), "check", "--base", "main", "--head", PolicyShop.Feature);
        Assert.Contains("REVIEW OVERDUE", overdue.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreezeHoldsASignedOffChangeUnlessItIsAHotfixOrTheGlassIsBroken()
    {
        var policy = PolicyShop.Policy + """

            freezes:
              - name: march-release
                reason: Release week.
                window: {start: 2026-03-01T00:00:00Z, end: 2026-03-07T00:00:00Z}
                branches: [main]
                except: {labels: {any: [hotfix]}}
            """;
        using var shop = PolicyShop.Create(policy);
        Assert.Equal(0, shop.Approve("erin").ExitCode);
        var frozen = shop.Check();
        Assert.Equal(1, frozen.ExitCode);
        Assert.Contains("✘ frozen: freeze march-release is in force", frozen.Stdout, StringComparison.Ordinal);
        Assert.Contains("Release week.", frozen.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, shop.Check("--label", "hotfix").ExitCode);
        Assert.Equal(0, shop.RunAt(TimeSpan.FromDays(7), "check", "--base", "main", "--head", PolicyShop.Feature).ExitCode);
        Assert.Equal(0, shop.Run("break-glass", "--base", "main", "--head", PolicyShop.Feature, "--as", "pat", "--reason", "security fix for CVE-2026-1").ExitCode);
        Assert.Equal(0, shop.Check().ExitCode);
    }

    [Fact]
    public void AnAgentsBranchNameMakesTheChangeAiAssistedEvenWithoutTrailers()
    {
        using var shop = PolicyShop.Create();
        shop.Repo.Git("checkout -q -b copilot/fix-refund-rounding main");
        shop.Repo.Commit("Fix refund rounding", new Dictionary<string, string> { ["services/payments/round.go"] = "package payments\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        var (code, stdout, _) = shop.Run("check", "--base", "main", "--head", "copilot/fix-refund-rounding", "--json");
        Assert.Equal(1, code);
        Assert.Contains("\"provenance\": \"ai\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"copilot\"", stdout, StringComparison.Ordinal);

        // The same commit on a human-named branch is not.
        shop.Repo.Git("branch fix-rounding copilot/fix-refund-rounding");
        Assert.Equal(0, shop.Run("check", "--base", "main", "--head", "fix-rounding").ExitCode);
    }

    [Fact]
    public void JsonAndMarkdownCarryTheSameVerdict()
    {
        using var shop = PolicyShop.Create();
        var json = shop.Check("--json");
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("pending", document.RootElement.GetProperty("status").GetString());
        var rule = document.RootElement.GetProperty("rules")[0];
        Assert.Equal("ai-below-senior", rule.GetProperty("name").GetString());
        Assert.Equal("erin", rule.GetProperty("requirement").GetProperty("candidates")[0].GetProperty("personId").GetString());
        Assert.Equal("branch/feature/refunds", document.RootElement.GetProperty("change").GetProperty("key").GetString());

        var markdown = shop.Check("--format", "markdown");
        Assert.Equal(1, markdown.ExitCode);
        Assert.StartsWith("### ⏳ Countersign: pending", markdown.Stdout, StringComparison.Ordinal);
        Assert.Contains("| `ai-below-senior` | enforce | pending |", markdown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UntrustedTitlesAreEscapedInMarkdown()
    {
        using var shop = PolicyShop.Create();
        var markdown = shop.Check("--format", "markdown", "--title", "<img src=x onerror=alert(1)> [click](http://evil.test)", "--change", "pr/9");
        Assert.DoesNotContain("<img", markdown.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[click](", markdown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidPolicyIsAConfigurationErrorWithItsPosition()
    {
        using var shop = PolicyShop.Create(PolicyShop.Policy.Replace("at_least: senior}, owners", "at_least: seniour}, owners", StringComparison.Ordinal));
        var (code, _, stderr) = shop.Check();
        Assert.Equal(2, code);
        Assert.Contains("main:.countersign/policy.yaml:", stderr, StringComparison.Ordinal);
        Assert.Contains("seniour", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePolicyComesFromTheTargetBranchNotFromTheChange()
    {
        using var shop = PolicyShop.Create();
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit("relax the policy", new Dictionary<string, string> { [".countersign/policy.yaml"] = "version: 1\nrules: []\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        Assert.Equal(1, shop.Check().ExitCode);
    }

    [Fact]
    public void TheExplanationReadsTheSameEveryTime()
    {
        using var shop = PolicyShop.Create();
        Assert.Equal(0, shop.Run("reject", "--base", "main", "--head", PolicyShop.Feature, "--as", "erin", "--comment", "needs idempotency <script>alert(1)</script>").ExitCode);
        Assert.Equal(0, shop.RunAt(TimeSpan.FromMinutes(10), "approve", "--base", "main", "--head", PolicyShop.Feature, "--as", "erin").ExitCode);
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit("payments: partial refunds", new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\n\nfunc Refund(partial bool) {}\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        var (_, stdout, _) = shop.RunAt(TimeSpan.FromMinutes(20), "check", "--base", "main", "--head", PolicyShop.Feature);
        var golden = Path.Combine(SourceFolder(), "check-pending.golden.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, stdout);
        }

        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), stdout.ReplaceLineEndings("\n"));
    }

    /// <summary>This test's folder in the source tree (golden files live beside the test; UPDATE_GOLDEN=1 rewrites them).</summary>
    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
