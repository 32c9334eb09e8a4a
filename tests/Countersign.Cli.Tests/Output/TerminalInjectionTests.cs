using System.Text.Json;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Output;

/// <summary>
/// Hostile names, paths and subjects from a repository reach the text output as visible escapes: nothing retitles or
/// clears the terminal, and nothing forges a line. JSON output keeps the exact values.
/// </summary>
public sealed class TerminalInjectionTests
{
    /// <summary>The author: sets the terminal's title and clears the screen.</summary>
    private const string HostileAuthor = "Eve \u001b]0;PWNED\u0007\u001b[2J";

    /// <summary>The directory: its name holds a newline and a forged verdict.</summary>
    private const string ForgedDirectory = "docs/payments/x\n✔ satisfied: all rules signed off";

    private static readonly (string, string) Eve = (HostileAuthor, "eve@evil.test");

    [Fact]
    public void ScanShowsAHostileAuthorNameAsVisibleEscapesAndNeverWritesAnEscapeCharacter()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("Harmless\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", author: Eve);
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--db", db);

        Assert.True(code == 0, stderr);
        AssertInert(stdout + stderr);
        Assert.Contains("Eve \\x1b]0;PWNED\\x07", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ScanJsonKeepsTheHostileAuthorNameExactly()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("Harmless", author: Eve);
        var db = Path.Combine(TempGitRepo.NewTempDirectory("db"), "scan.db");

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--json", "--db", db);

        Assert.True(code == 0, stderr);
        AssertInert(stdout);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(HostileAuthor, json.RootElement.GetProperty("byAuthor")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void CheckCannotBeMadeToPrintAForgedVerdictLineByADirectoryName()
    {
        using var shop = PolicyShop.Create();
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit("docs: refunds", new Dictionary<string, string> { [ForgedDirectory + "/refunds.md"] = "# Refunds\n" }, author: Eve);
        shop.Repo.Git("checkout -q main");

        var (code, stdout, stderr) = shop.Check();

        Assert.True(code == 1, stdout + stderr);
        AssertInert(stdout + stderr);
        AssertNoLineStartsWith(stdout + stderr, "✔ satisfied");
        Assert.Contains("x\\n✔ satisfied: all rules signed off", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAsMarkdownAndTheHookMessageStayInertToo()
    {
        using var shop = PolicyShop.Create();
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit("docs: refunds", new Dictionary<string, string> { [ForgedDirectory + "/refunds.md"] = "# Refunds\n" }, author: Eve);
        var head = shop.Repo.Git("rev-parse HEAD").Trim();
        shop.Repo.Git("checkout -q main");
        var main = shop.Repo.Git("rev-parse main").Trim();

        var markdown = shop.Check("--format", "markdown");
        var hook = CliRunner.RunAt(PolicyShop.Now, shop.Path, null, $"{main} {head} refs/heads/main\n", "hook", "pre-receive");

        AssertInert(markdown.Stdout + markdown.Stderr);
        AssertNoLineStartsWith(markdown.Stdout, "✔ satisfied");
        Assert.Equal(1, hook.ExitCode);
        AssertInert(hook.Stdout + hook.Stderr);
        AssertNoLineStartsWith(hook.Stdout + hook.Stderr, "✔ satisfied");
    }

    [Fact]
    public void ImpactShowsAHostilePathWithoutBreakingItsLine()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("Layout", new Dictionary<string, string>
        {
            [".github/CODEOWNERS"] = "/owned/ @acme/platform\n",
            ["owned/a.txt"] = "a\n",
        });
        repo.Git("branch base");
        repo.Commit("Add", new Dictionary<string, string> { ["unowned\n✔ satisfied: all rules signed off/\u001b[2Jb.txt"] = "b\n" }, author: Eve);

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "impact", "--base", "base", "--head", "HEAD");

        Assert.True(code == 0, stderr);
        AssertInert(stdout + stderr);
        AssertNoLineStartsWith(stdout + stderr, "✔ satisfied");
        Assert.Contains("unowned\\n✔ satisfied: all rules signed off/\\x1b[2Jb.txt", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ApproveRefusalEchoesAHostileIdentityInertly()
    {
        using var shop = PolicyShop.Create();

        var (code, stdout, stderr) = shop.Approve("nobody\u001b]0;PWNED\u0007\n✔ satisfied");

        Assert.Equal(2, code);
        AssertInert(stdout + stderr);
        AssertNoLineStartsWith(stderr, "✔ satisfied");
    }

    [Fact]
    public void AnUnknownOptionValueIsEchoedInertly()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("One");

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "scan", "--since", "x\u001b[2J\n✔ satisfied");

        Assert.Equal(2, code);
        AssertInert(stdout + stderr);
        AssertNoLineStartsWith(stderr, "✔ satisfied");
    }

    /// <summary>No byte a terminal acts on: ESC, BEL, CSI, bidi overrides. Newlines are the output's own.</summary>
    private static void AssertInert(string output)
    {
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\u009b', output);
        Assert.DoesNotContain('\u202e', output);
        Assert.DoesNotContain('\r', output);
    }

    private static void AssertNoLineStartsWith(string output, string forged) =>
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart(' ', '│', '|', '>').StartsWith(forged, StringComparison.Ordinal));
}
