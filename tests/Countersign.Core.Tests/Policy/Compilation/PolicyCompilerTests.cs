using Countersign.Core.BlastRadius;
using Countersign.Core.Diagnostics;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Compilation;

public sealed class PolicyCompilerTests
{
    private static PolicyCompileResult Load(string yaml, Dictionary<string, string>? files = null) =>
        PolicyLoader.Load(yaml, "policy.yaml", Org, path => files is not null && files.TryGetValue(path, out var text) ? (text, path) : null);

    private static ICondition If(string condition)
    {
        var result = Load($"version: 1\nrules:\n  - name: r\n    if: {condition}\n");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Policy!.Rules[0].If!;
    }

    private static string Errors(string yaml) =>
        string.Join("\n", Load(yaml).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

    [Fact]
    public void TheDefaultPolicyCompilesAgainstTheDefaultLevels()
    {
        var result = PolicyLoader.Load(DefaultPolicy.Text, "default-policy.yaml", Countersign.Core.Organisation.OrgDirectory.Empty, _ => null);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(["ai-assisted-below-senior", "high-blast-radius", "large-ai-change"], result.Policy!.Rules.Select(r => r.Name));
        Assert.Equal(RuleMode.Warn, result.Policy.Rules[2].Mode);
        Assert.Equal(2, result.Policy.Rules[1].Requires.Count);
        Assert.True(result.Policy.Rules[1].Requires.DistinctTeams);
        Assert.Equal("year-end", Assert.Single(result.Policy.Freezes).Name);
        Assert.Equal(TimeSpan.FromHours(48), result.Policy.BreakGlass!.ReviewWithin);
        Assert.True(result.Policy.Protects("main"));
    }

    [Fact]
    public void EachConditionKeyCompilesToItsPredicate()
    {
        var provenance = Assert.IsType<ProvenanceCondition>(If("{provenance: {status: [ai, ai-suggested], tools: [claude-code], ai_line_share: {at_least: 0.5}}}"));
        Assert.Equal([ProvenanceStatus.Ai, ProvenanceStatus.AiSuggested], provenance.Statuses);
        Assert.Equal(0.5, provenance.AiLineShare!.AtLeast);
        var author = Assert.IsType<PeopleCondition>(If("{author: {level: {below: senior}, teams: [payments]}}"));
        Assert.Equal("senior", author.Level!.Below);
        Assert.True(Assert.IsType<PeopleCondition>(If("{contributors: {people: [erin], match: all}}")).RequireAll);
        var paths = Assert.IsType<PathsCondition>(If("{paths: {any: [\"services/payments/\"], none: [\"**/*.md\"]}}"));
        Assert.True(paths.Selects("services/payments/a/b.go"));
        Assert.Equal(ComponentScope.Touched, Assert.IsType<ComponentsCondition>(If("{components: {names: [payments], scope: touched}}")).Scope);
        Assert.Equal(1, Assert.IsType<TierCondition>(If("{tier: {at_most: 1}}")).Tiers.AtMost);
        Assert.Equal([BlastClass.Critical], Assert.IsType<BlastRadiusCondition>(If("{blast_radius: {class: [critical]}}")).Classes);
        Assert.Equal(60, Assert.IsType<RiskCondition>(If("{risk: {score: {at_least: 60}}}")).Score.AtLeast);
        Assert.Equal(400, Assert.IsType<SizeCondition>(If("{size: {lines: {at_least: 400}}}")).Lines!.AtLeast);
        Assert.Equal(["hotfix"], Assert.IsType<LabelsCondition>(If("{labels: {any: [hotfix]}}")).Any);
        Assert.True(Assert.IsType<BranchCondition>(If("{target_branch: [\"release/*\"]}")).Target);
        Assert.False(Assert.IsType<BranchCondition>(If("{source_branch: [\"copilot/*\"]}")).Target);
        var time = Assert.IsType<TimeCondition>(If("{time: {days: [fri], from: \"16:00\", to: \"23:59\", timezone: Europe/Berlin}}"));
        Assert.Equal([DayOfWeek.Friday], time.Window.Days);
    }

    [Fact]
    public void CombinatorsNestAndSeveralKeysMeanAll()
    {
        var nested = Assert.IsType<AnyCondition>(If("{any: [{not: {labels: {any: [docs]}}}, {all: [{tier: {at_most: 1}}, {risk: {score: {at_least: 50}}}]}]}"));
        Assert.IsType<NotCondition>(nested.Children[0]);
        Assert.Equal(2, Assert.IsType<AllCondition>(nested.Children[1]).Children.Count);
        Assert.Equal(2, Assert.IsType<AllCondition>(If("{tier: {at_most: 1}, labels: {any: [x]}}")).Children.Count);
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsAnError()
    {
        var deep = string.Concat(Enumerable.Repeat("{not: ", 40)) + "{labels: {any: [x]}}" + new string('}', 40);
        Assert.Contains("nested more than 32 deep", Errors($"version: 1\nrules:\n  - name: r\n    if: {deep}\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void RequirementsCompileWithDefaults()
    {
        var result = Load("""
            version: 1
            rules:
              - name: r
                requires:
                  count: 2
                  from: {any_of: [{level: {at_least: staff}}, {owners: [affected, consumers], teams: [payments]}]}
                  distinct_teams: true
                  invalidate_on: rule-paths
                  disapproval: false
              - name: plain
            """);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var requires = result.Policy!.Rules[0].Requires;
        Assert.Equal(StalenessMode.RulePaths, requires.InvalidateOn);
        Assert.False(requires.Disapproval);
        var union = Assert.IsType<ApproverUnion>(requires.From);
        Assert.Equal([OwnerSource.Affected, OwnerSource.Consumers], Assert.IsType<ApproverFilter>(union.Options[1]).Owners);
        var plain = result.Policy.Rules[1].Requires;
        Assert.Equal((1, StalenessMode.AnyChange, true), (plain.Count, plain.InvalidateOn, plain.Disapproval));
    }

    public static TheoryData<string, string> BadPolicies() => new()
    {
        { "version: 1\nrulez: []\n", "policy.yaml:2:1: error: unknown key 'rulez' (did you mean 'rules'?); allowed: version, extends, disable, protected_branches, rules, freezes, break_glass (field 'rulez')" },
        { "version: 1\nrules:\n  - name: r\n    mode: enforced\n", "policy.yaml:4:11: error: 'enforced' is not allowed here (did you mean 'enforce'?); allowed: enforce, warn (field 'rules[0].mode')" },
        { "version: 1\nrules:\n  - name: r\n    requires: {from: {level: {at_least: seniour}}}\n", "policy.yaml:4:41: error: 'seniour' is not a level of the organisation (did you mean 'senior'?); levels: intern, junior, mid, senior, staff, principal (field 'rules[0].requires.from.level.at_least')" },
        { "version: 1\nrules:\n  - name: r\n    requires: {from: {teams: [paymnts]}}\n", "policy.yaml:4:31: error: no team 'paymnts' in the org directory (did you mean 'payments'?) (field 'rules[0].requires.from.teams')" },
        { "version: 1\nrules:\n  - name: r\n    requires: {count: 0}\n", "policy.yaml:4:23: error: 0 is out of range: allowed 1 to 1000 (field 'rules[0].requires.count')" },
        { "version: 1\nrules:\n  - name: r\n    if: {provenance: {status: ai}}\n", "policy.yaml:4:31: error: expected a list, found 'ai' (write [ai]) (field 'rules[0].if.provenance.status')" },
        { "version: 1\nrules:\n  - name: r\n  - name: r\n", "policy.yaml:4:5: error: rule name 'r' is used twice in this file (field 'rules[1].name')" },
        { "version: 1\nrules:\n  - name: Bad Name\n", "policy.yaml:3:11: error: rule name 'Bad Name' must be lower-case letters, digits and dashes (field 'rules[0].name')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {timezone: Mars/Olympus}\n", "policy.yaml:4:24: error: 'Mars/Olympus' is not a time zone (use an IANA id such as Europe/Berlin or America/New_York) (field 'freezes[0].window.timezone')" },
        { "version: 1\nbreak_glass:\n  allowed: {}\n  review_within: 2 weeks\n", "policy.yaml:4:18: error: '2 weeks' is not a duration: write a number and a unit, 30m, 48h or 3d (field 'break_glass.review_within')" },
        { "version: 1\nrules: [\n", "policy.yaml:3:1: error: invalid YAML:" },
        { "version: 2\n", "policy.yaml:1:10: error: 2 is out of range: allowed 1 to 1 (field 'version')" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void ErrorsSayWhatAndWhere(string yaml, string expected)
    {
        var errors = Errors(yaml);
        Assert.True(errors.StartsWith(expected, StringComparison.Ordinal), errors);
        Assert.Null(Load(yaml).Policy);
    }

    [Fact]
    public void AnUnknownToolIsOnlyAWarning()
    {
        var result = Load("version: 1\nrules:\n  - name: r\n    if: {provenance: {tools: [claude-cod]}}\n");
        Assert.False(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("did you mean 'claude-code'", StringComparison.Ordinal));
    }

    [Fact]
    public void ExtendsOverridesDisablesAndRespectsLocks()
    {
        var shared = """
            version: 1
            protected_branches: [main, "release/*"]
            rules:
              - name: base
                locked: true
              - name: optional
              - name: replaceable
                mode: enforce
            freezes:
              - name: shared-freeze
                window: {start: 2026-12-21T00:00:00Z, end: 2027-01-04T00:00:00Z}
            """;
        var files = new Dictionary<string, string> { ["../shared.yaml"] = shared };
        var ok = Load("version: 1\nextends: [../shared.yaml]\ndisable: [optional]\nrules:\n  - name: replaceable\n    mode: warn\n  - name: local\n", files);
        Assert.False(ok.HasErrors, string.Join("\n", ok.Diagnostics));
        Assert.Equal(["base", "replaceable", "local"], ok.Policy!.Rules.Select(r => r.Name));
        Assert.Equal(RuleMode.Warn, ok.Policy.Rules[1].Mode);
        Assert.True(ok.Policy.Protects("release/1.2"));
        Assert.Single(ok.Policy.Freezes);

        Assert.Contains("rule 'base' is locked by ../shared.yaml and cannot be disabled", Errors2("version: 1\nextends: [../shared.yaml]\ndisable: [base]\n", files), StringComparison.Ordinal);
        Assert.Contains("rule 'base' is locked by ../shared.yaml and cannot be replaced", Errors2("version: 1\nextends: [../shared.yaml]\nrules:\n  - name: base\n", files), StringComparison.Ordinal);
        Assert.Contains("cannot read extended policy 'missing.yaml'", Errors2("version: 1\nextends: [missing.yaml]\n", files), StringComparison.Ordinal);
        var cycle = new Dictionary<string, string> { ["a.yaml"] = "version: 1\nextends: [policy.yaml]\n", ["policy.yaml"] = "version: 1\nextends: [a.yaml]\n" };
        Assert.Contains("extend each other in a cycle", Errors2("version: 1\nextends: [a.yaml]\n", cycle), StringComparison.Ordinal);
    }

    private static string Errors2(string yaml, Dictionary<string, string> files) =>
        string.Join("\n", Load(yaml, files).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("48h", 48 * 60)]
    [InlineData("3d", 3 * 24 * 60)]
    public void DurationsHaveAUnit(string text, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), PolicyCompiler.Duration(text));
}
