using System.Text.RegularExpressions;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>init, policy validate and policy test on a working tree: the policy is checked and tested like code.</summary>
public sealed partial class PolicyCommandTests : IDisposable
{
    private readonly string dir = TempGitRepo.NewTempDirectory("policy-cmd");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, path))!);
        File.WriteAllText(Path.Combine(dir, path), text);
    }

    [Fact]
    public void InitWritesADefaultPolicyThatValidates()
    {
        var (code, _, stderr) = CliRunner.Run(dir, "init");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(dir, ".countersign/policy.yaml")));
        Assert.True(File.Exists(Path.Combine(dir, ".countersign/org.yaml")));
        var validate = CliRunner.Run(dir, "policy", "validate");
        Assert.True(validate.ExitCode == 0, validate.Stderr);
        Assert.Contains("is valid: 3 rule(s) (ai-assisted-below-senior, high-blast-radius, large-ai-change)", validate.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run(dir, "init").ExitCode);
    }

    [Fact]
    public void ValidateReportsEveryErrorWithItsPlace()
    {
        Write(".countersign/org.yaml", PolicyShop.Org);
        Write(".countersign/policy.yaml", "version: 1\nrules:\n  - name: r\n    requires: {from: {teams: [paymnts]}, count: many}\n");
        var (code, _, stderr) = CliRunner.Run(dir, "policy", "validate");
        Assert.Equal(2, code);
        Assert.Contains(".countersign/policy.yaml:4:31: error: no team 'paymnts' in the org directory (did you mean 'payments'?)", stderr, StringComparison.Ordinal);
        Assert.Contains(".countersign/policy.yaml:4:49: error: expected a whole number, found 'many' (field 'rules[0].requires.count')", stderr, StringComparison.Ordinal);
        var json = CliRunner.Run(dir, "policy", "validate", "--json");
        Assert.Contains("\"valid\": false", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocumentedFixturesPassAgainstTheDefaultPolicy()
    {
        Assert.Equal(0, CliRunner.Run(dir, "init").ExitCode);
        Write(".countersign/org.yaml", PolicyShop.Org);
        Write(".countersign/policy-tests/docs.yaml", DocumentedExample());
        var (code, stdout, stderr) = CliRunner.Run(dir, "policy", "test");
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("3 passed, 0 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingExpectationIsShownAsADifference()
    {
        Assert.Equal(0, CliRunner.Run(dir, "init").ExitCode);
        Write(".countersign/org.yaml", PolicyShop.Org);
        Write("cases.yaml", """
            cases:
              - name: wrong on purpose
                change: {author: dana, provenance: ai, touched: [{name: payments, owner: group:payments}]}
                expect: {status: satisfied, rules: {ai-assisted-below-senior: approved}, candidates: {ai-assisted-below-senior: [pat]}}
            """);
        var (code, stdout, _) = CliRunner.Run(dir, "policy", "test", "cases.yaml");
        Assert.Equal(1, code);
        Assert.Contains("FAIL wrong on purpose", stdout, StringComparison.Ordinal);
        Assert.Contains("status: expected satisfied, got pending", stdout, StringComparison.Ordinal);
        Assert.Contains("rule ai-assisted-below-senior: expected approved, got pending", stdout, StringComparison.Ordinal);
        Assert.Contains("expected pat among the people who can sign off, got erin", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenFixtureIsAnInputErrorWithItsPosition()
    {
        Assert.Equal(0, CliRunner.Run(dir, "init").ExitCode);
        Write("cases.yaml", "cases:\n  - name: x\n    chnage: {}\n");
        var (code, _, stderr) = CliRunner.Run(dir, "policy", "test", "cases.yaml");
        Assert.Equal(2, code);
        Assert.Contains("cases.yaml:3:5: error:", stderr, StringComparison.Ordinal);
        Write("cases2.yaml", "cases:\n  - name: y\n    change: {author: nobody}\n");
        Assert.Contains("case 'y': change.author: no person 'nobody'", CliRunner.Run(dir, "policy", "test", "cases2.yaml").Stderr, StringComparison.Ordinal);
    }

    private static string DocumentedExample()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "docs", "policy-testing.md");
            if (File.Exists(path))
            {
                var example = File.ReadAllText(path)[File.ReadAllText(path).IndexOf("## Example", StringComparison.Ordinal)..];
                return YamlBlock().Match(example).Groups[1].Value;
            }
        }

        throw new FileNotFoundException("docs/policy-testing.md");
    }

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
