using Countersign.Core.Policy.Compilation;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>
/// A new user's first set-up: init says what is still missing for sign-offs to be possible, and check says plainly when
/// nobody at all can give a sign-off, why, and what to add — in text and in JSON.
/// </summary>
public sealed class FirstSetUpTests
{
    private const string JuniorsAndASenior = """
        levels: [intern, junior, mid, senior, staff, principal]
        teams:
          - id: platform
        people:
          - id: dana
            name: Dana Junior
            emails: [dana@acme.test]
            level: junior
            teams: [platform]
          - id: erin
            name: Erin Senior
            emails: [erin@acme.test]
            level: senior
            teams: [platform]
        """;

    private static TempGitRepo RepoWith(string org, IReadOnlyDictionary<string, string>? more = null)
    {
        var repo = TempGitRepo.Create();
        var files = new Dictionary<string, string>
        {
            [".countersign/policy.yaml"] = DefaultPolicy.Text,
            [".countersign/org.yaml"] = org,
            ["src/app.cs"] = "class App {}\n",
        };
        foreach (var (path, text) in more ?? new Dictionary<string, string>())
        {
            files[path] = text;
        }

        repo.Commit("Set up", files, author: PolicyShop.Erin);
        repo.Git("checkout -q -b feature/x");
        repo.Commit("app: feature\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", new Dictionary<string, string> { ["src/app.cs"] = "class App { void F() {} }\n" }, author: PolicyShop.Dana);
        return repo;
    }

    private static (int ExitCode, string Stdout, string Stderr) Check(TempGitRepo repo, params string[] extra) =>
        CliRunner.RunAt(PolicyShop.Now, repo.Path, null, null, ["check", "--base", "main", "--head", "feature/x", .. extra]);

    [Fact]
    public void InitInARepositoryWithoutCodeownersOrCatalogSaysWhatToAddWithExamples()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("code", new Dictionary<string, string> { ["src/app.cs"] = "class App {}\n" });

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "init");

        Assert.True(code == 0, stderr);
        Assert.Contains("Before anyone can sign off", stdout, StringComparison.Ordinal);
        Assert.Contains(".countersign/org.yaml names no real people yet", stdout, StringComparison.Ordinal);
        Assert.Contains("no CODEOWNERS file and no Backstage catalog", stdout, StringComparison.Ordinal);
        Assert.Contains(".github/CODEOWNERS", stdout, StringComparison.Ordinal);
        Assert.Contains("/src/ @your-org/platform", stdout, StringComparison.Ordinal);
        Assert.Contains("kind: Component", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InitSaysNothingIsMissingWhenCodeownersAndRealPeopleExist()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("code", new Dictionary<string, string>
        {
            ["src/app.cs"] = "class App {}\n",
            [".github/CODEOWNERS"] = "* @acme/platform\n",
            [".countersign/org.yaml"] = JuniorsAndASenior,
        });

        var (code, stdout, stderr) = CliRunner.Run(repo.Path, "init");

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("Before anyone can sign off", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSaysNobodyCanSignOffWhenNoCodeownersOrCatalogOwnsTheChangeAndWhatToAdd()
    {
        using var repo = RepoWith(JuniorsAndASenior);

        var (code, stdout, stderr) = Check(repo);

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("nobody can give it: no catalog component owns src/app.cs; and no CODEOWNERS owns src/app.cs", stdout, StringComparison.Ordinal);
        Assert.Contains("to fix: ", stdout, StringComparison.Ordinal);
        Assert.Contains("/src/ @your-org/your-team", stdout, StringComparison.Ordinal);

        var json = Check(repo, "--json");
        Assert.Contains("\"nobody\": {", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("no CODEOWNERS owns src/app.cs", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSaysNobodyCanSignOffWhenTheDirectoryHasNoOneAtTheLevel()
    {
        using var repo = RepoWith(JuniorsAndASenior.Replace("level: senior", "level: mid", StringComparison.Ordinal), new Dictionary<string, string> { [".github/CODEOWNERS"] = "* @acme/platform\n" });

        var (code, stdout, stderr) = Check(repo);

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("nobody can give it: no person at level senior or above in .countersign/org.yaml", stdout, StringComparison.Ordinal);
        Assert.Contains("`level: senior`", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSaysWhenTheCodeownersOwnersMatchNobodyInTheDirectory()
    {
        using var repo = RepoWith(JuniorsAndASenior, new Dictionary<string, string> { [".github/CODEOWNERS"] = "* @acme/ghosts\n" });

        var (code, stdout, stderr) = Check(repo);

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("the CODEOWNERS owners @acme/ghosts match nobody in .countersign/org.yaml", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenSomeoneCanSignOffNoEmptySetDiagnosticIsShown()
    {
        using var repo = RepoWith(JuniorsAndASenior, new Dictionary<string, string> { [".github/CODEOWNERS"] = "* @acme/platform\n" });

        var (code, stdout, stderr) = Check(repo);

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("can give it: Erin Senior (senior)", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody can give it", stdout, StringComparison.Ordinal);
    }
}
