using System.Text.RegularExpressions;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Testing;

namespace Countersign.Core.Tests.Policy.Testing;

/// <summary>Every fixture in docs/policy-testing.md runs, and passes, against the default policy.</summary>
public sealed partial class PolicyTestingDocTests
{
    /// <summary>The directory the document describes: dana junior and bob mid in payments, erin senior in payments, sam senior in checkout, pat staff in platform.</summary>
    private const string OrgYaml = """
        teams: [{id: commerce}, {id: payments, parent: commerce}, {id: checkout, parent: commerce}, {id: platform}]
        people:
          - {id: dana, name: Dana Junior, emails: [dana@acme.test], level: junior, teams: [payments]}
          - {id: bob, name: Bob Mid, emails: [bob@acme.test], level: mid, teams: [payments]}
          - {id: erin, name: Erin Senior, emails: [erin@acme.test], github: erin, level: senior, teams: [payments]}
          - {id: sam, name: Sam Senior, emails: [sam@acme.test], level: senior, teams: [checkout]}
          - {id: pat, name: Pat Staff, emails: [pat@acme.test], level: staff, teams: [platform]}
        """;

    public static TheoryData<int> Blocks() => new(Enumerable.Range(0, YamlBlocks().Count));

    [Theory]
    [MemberData(nameof(Blocks))]
    public void TheDocumentedFixturesPassAgainstTheDefaultPolicy(int block)
    {
        var yaml = YamlBlocks()[block];
        if (!yaml.StartsWith("cases:", StringComparison.Ordinal))
        {
            return; // a fragment (a few sign-offs), not a whole file
        }

        var org = OrgDirectoryReader.Read(OrgYaml, "org.yaml").Directory;
        var compiled = PolicyLoader.Load(DefaultPolicy.Text, "default-policy.yaml", org, _ => null);
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        var (cases, diagnostics) = PolicyFixtureReader.Read(yaml, "policy-testing.md", org, DateTimeOffset.UnixEpoch);
        Assert.Empty(diagnostics);
        Assert.NotEmpty(cases);
        Assert.All(PolicyTestRunner.Run(compiled.Policy!, cases, org), o => Assert.True(o.Passed, $"{o.Name}: {string.Join("; ", o.Differences)}"));
    }

    private static List<string> YamlBlocks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "policy-testing.md");
            if (File.Exists(path))
            {
                return YamlBlock().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value).ToList();
            }
        }

        throw new FileNotFoundException("docs/policy-testing.md");
    }

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
