using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>An organisation shares one policy and repositories extend it: overrides, disables, locks, and the files themselves.</summary>
public sealed class ExtendsTests
{
    private const string Shared = """
        version: 1
        protected_branches: [main, "release/*"]
        rules:
          - name: ai-below-senior
            locked: true
          - name: optional
          - name: replaceable
            mode: enforce
        freezes:
          - name: year-end
            window: {start: 2026-12-21T00:00:00Z, end: 2027-01-04T00:00:00Z}
        break_glass:
          allowed: {level: {at_least: staff}}
        """;

    private static readonly Dictionary<string, string> Files = new() { ["../shared/org-policy.yaml"] = Shared };

    [Fact]
    public void InheritedRulesComeFirstReplacedInPlaceThenLocalOnesAreAdded()
    {
        var policy = Compile.Valid("""
            version: 1
            extends: [../shared/org-policy.yaml]
            disable: [optional]
            rules:
              - name: local
              - name: replaceable
                mode: warn
            """, Files);
        Assert.Equal(["ai-below-senior", "replaceable", "local"], policy.Rules.Select(r => r.Name));
        Assert.Equal(RuleMode.Warn, policy.Rules[1].Mode);
        Assert.Equal("policy.yaml", policy.Rules[1].Position.Source);
        Assert.Equal("../shared/org-policy.yaml", policy.Rules[0].Position.Source);
    }

    [Fact]
    public void FreezesAddUpAndBreakGlassAndProtectedBranchesAreInheritedUnlessSet()
    {
        var inherited = Compile.Valid("version: 1\nextends: [../shared/org-policy.yaml]\nfreezes:\n  - name: local\n    window: {days: [sun]}\n", Files);
        Assert.Equal(["year-end", "local"], inherited.Freezes.Select(f => f.Name));
        Assert.True(inherited.Protects("release/1.2"));
        Assert.NotNull(inherited.BreakGlass);

        var own = Compile.Valid("version: 1\nextends: [../shared/org-policy.yaml]\nprotected_branches: [trunk]\nbreak_glass:\n  allowed: {people: [pat]}\n", Files);
        Assert.Equal(["trunk"], own.ProtectedBranches.Select(b => b.Pattern));
        Assert.Equal("from(people=pat)", CompiledText.Of(own.BreakGlass!.Allowed));
    }

    public static TheoryData<string, string> LockAndOverrideErrors() => new()
    {
        {
            "version: 1\nextends: [../shared/org-policy.yaml]\ndisable: [ai-below-senior]\n",
            "policy.yaml:3:11: error: rule 'ai-below-senior' is locked by ../shared/org-policy.yaml and cannot be disabled (field 'disable')"
        },
        {
            "version: 1\nextends: [../shared/org-policy.yaml]\nrules:\n  - name: ai-below-senior\n    mode: warn\n",
            "policy.yaml:4:11: error: rule 'ai-below-senior' is locked by ../shared/org-policy.yaml and cannot be replaced (field 'rules[0].name')"
        },
        {
            "version: 1\nextends: [../shared/org-policy.yaml]\ndisable: [optinal]\n",
            "policy.yaml:3:11: error: no inherited rule 'optinal' to disable (did you mean 'optional'?); inherited: ai-below-senior, optional, replaceable (field 'disable')"
        },
        {
            "version: 1\ndisable: [optional]\n",
            "policy.yaml:2:11: error: nothing to disable: this file extends no policy (disable drops rules of the policies in extends) (field 'disable')"
        },
        {
            "version: 1\nextends: [../shared/org-policy.yaml]\nfreezes:\n  - name: year-end\n    window: {days: [sun]}\n",
            "policy.yaml:4:11: error: freeze 'year-end' is already defined by ../shared/org-policy.yaml; inherited freezes cannot be replaced, so give this one another name (field 'freezes[0].name')"
        },
        {
            // A second extended policy cannot slip past a lock either.
            "version: 1\nextends: [../shared/org-policy.yaml, team.yaml]\n",
            "policy.yaml:2:38: error: rule 'ai-below-senior' of team.yaml would replace the rule locked by ../shared/org-policy.yaml (field 'extends')"
        },
        {
            "version: 1\nextends: [missing.yaml]\n",
            "policy.yaml:2:11: error: cannot read extended policy 'missing.yaml': no such file (paths are relative to the file that names them) (field 'extends')"
        },
        {
            "version: 1\nextends: [/etc/policy.yaml, \"https://example.com/p.yaml\"]\n",
            "policy.yaml:2:11: error: cannot extend '/etc/policy.yaml': paths are relative to the file that names them, not absolute (field 'extends')\n" +
            "policy.yaml:2:29: error: cannot extend 'https://example.com/p.yaml': extends reads files from the same place as the policy, not URLs (field 'extends')"
        },
    };

    [Theory]
    [MemberData(nameof(LockAndOverrideErrors))]
    public void LocksAndOverridesAreErrorsWhereTheyAreWritten(string yaml, string expected)
    {
        var files = new Dictionary<string, string>(Files) { ["team.yaml"] = "version: 1\nrules:\n  - name: ai-below-senior\n    mode: warn\n" };
        Assert.Equal(expected, Compile.Errors(yaml, files));
    }

    [Fact]
    public void NestedExtendsAreRelativeToTheFileThatNamesThem()
    {
        var files = new Dictionary<string, string>
        {
            ["../shared/team.yaml"] = "version: 1\nextends: [base/org.yaml]\nrules:\n  - name: team\n",
            ["../shared/base/org.yaml"] = "version: 1\nextends: [../../local/extra.yaml]\nrules:\n  - name: org\n",
            ["../local/extra.yaml"] = "version: 1\nrules:\n  - name: extra\n",
        };
        var policy = Compile.Valid("version: 1\nextends: [../shared/team.yaml]\nrules:\n  - name: own\n", files);
        Assert.Equal(["extra", "org", "team", "own"], policy.Rules.Select(r => r.Name));
    }

    [Fact]
    public void ASharedBaseReachedTwiceIsMergedOnce()
    {
        // b's disable drops optional from what b inherits; a still brings it.
        var files = new Dictionary<string, string>(Files)
        {
            ["a.yaml"] = "version: 1\nextends: [../shared/org-policy.yaml]\nrules:\n  - name: a\n",
            ["b.yaml"] = "version: 1\nextends: [../shared/org-policy.yaml]\ndisable: [optional]\n",
        };
        var policy = Compile.Valid("version: 1\nextends: [a.yaml, b.yaml]\n", files);
        Assert.Equal(["ai-below-senior", "optional", "replaceable", "a"], policy.Rules.Select(r => r.Name));
        Assert.Single(policy.Freezes);
    }

    [Fact]
    public void CyclesAreErrors()
    {
        var files = new Dictionary<string, string> { ["a.yaml"] = "version: 1\nextends: [b.yaml]\n", ["b.yaml"] = "version: 1\nextends: [a.yaml]\n" };
        Assert.Equal("b.yaml:2:11: error: policies extend each other in a cycle: policy.yaml → a.yaml → b.yaml → a.yaml (field 'extends')",
            Compile.Errors("version: 1\nextends: [a.yaml]\n", files));
        var self = new Dictionary<string, string> { ["policy.yaml"] = "version: 1\n" };
        Assert.Equal("policy.yaml:2:11: error: policies extend each other in a cycle: policy.yaml → policy.yaml (field 'extends')",
            Compile.Errors("version: 1\nextends: [policy.yaml]\n", self));
    }

    [Fact]
    public void ExtendsStopsAtTheDepthLimit()
    {
        var files = Enumerable.Range(1, PolicyCompiler.MaxExtendsDepth + 1).ToDictionary(i => $"p{i}.yaml", i => $"version: 1\nextends: [p{i + 1}.yaml]\n");
        files[$"p{PolicyCompiler.MaxExtendsDepth + 1}.yaml"] = "version: 1\n";
        Assert.Equal($"p{PolicyCompiler.MaxExtendsDepth}.yaml:2:11: error: policies extend each other more than 8 levels deep (field 'extends')",
            Compile.Errors("version: 1\nextends: [p1.yaml]\n", files));
        files[$"p{PolicyCompiler.MaxExtendsDepth}.yaml"] = "version: 1\n";
        Assert.NotNull(Compile.Valid("version: 1\nextends: [p1.yaml]\n", files));
    }

    [Fact]
    public void ErrorsInAnExtendedPolicyNameThatFileAndDoNotEchoInTheExtendingOne()
    {
        var files = new Dictionary<string, string> { ["org.yaml"] = "version: 1\nrules:\n  - name: optional\n    mode: sometimes\n" };
        Assert.Equal("org.yaml:4:11: error: 'sometimes' is not allowed here; allowed: enforce, warn (field 'rules[0].mode')",
            Compile.Errors("version: 1\nextends: [org.yaml]\ndisable: [optional]\n", files));
    }
}
