using Countersign.Core.Policy;
using Countersign.Core.Policy.Requirements;

namespace Countersign.Core.Tests.Policy.Compilation;

public sealed class RequirementCompilationTests
{
    private static ApprovalRequirement Requires(string requires) =>
        Compile.Valid($"version: 1\nrules:\n  - name: r\n    requires: {requires}\n").Rules[0].Requires;

    [Fact]
    public void ARuleWithoutRequiresNeedsOneSignOffFromAnyoneWithEveryDefault()
    {
        var policy = Compile.Valid("version: 1\nrules:\n  - name: a\n  - name: b\n    requires:\n");
        Assert.All(policy.Rules, rule =>
        {
            var r = rule.Requires;
            Assert.Equal((1, false, StalenessMode.AnyChange, true, false), (r.Count, r.DistinctTeams, r.InvalidateOn, r.Disapproval, r.AllowCommitters));
            Assert.Equal("from()", CompiledText.Of(r.From));
            Assert.Equal(RuleMode.Enforce, rule.Mode);
        });
    }

    [Fact]
    public void EveryRequirementKeyIsRead()
    {
        var r = Requires("{count: 2, from: {level: {at_least: senior}}, distinct_teams: true, invalidate_on: rule-paths, disapproval: false, allow_committers: true}");
        Assert.Equal((2, true, StalenessMode.RulePaths, false, true), (r.Count, r.DistinctTeams, r.InvalidateOn, r.Disapproval, r.AllowCommitters));
        Assert.Equal(StalenessMode.Never, Requires("{invalidate_on: never}").InvalidateOn);
        Assert.Equal(StalenessMode.AnyChange, Requires("{invalidate_on: any-change}").InvalidateOn);
    }

    public static TheoryData<string, string> ApproverSets() => new()
    {
        { "{}", "from()" },
        { "{level: {at_least: senior}, owners: [affected, codeowners]}", "from(level=senior or above; owners=affected|codeowners)" },
        { "{owners: [consumers, consumers]}", "from(owners=consumers)" },
        { "{teams: [payments, platform], people: [pat]}", "from(teams=payments|platform; people=pat)" },
        { "{level: {is: [staff, principal]}}", "from(level=staff or principal)" },
        { "{any_of: [{level: {at_least: staff}}, {owners: [affected], teams: [payments]}]}", "any_of(from(level=staff or above), from(owners=affected; teams=payments))" },
        { "{any_of: [{any_of: [{people: [erin]}]}, {people: [sam]}]}", "any_of(any_of(from(people=erin)), from(people=sam))" },
    };

    [Theory]
    [MemberData(nameof(ApproverSets))]
    public void ApproverSetsCompileToFiltersAndUnions(string from, string expected) =>
        Assert.Equal(expected, CompiledText.Of(Requires($"{{from: {from}}}").From));

    [Fact]
    public void ModeAndLockAndDescriptionAreRead()
    {
        var rule = Compile.Valid("version: 1\nrules:\n  - name: r-1\n    description: Why.\n    mode: warn\n    locked: true\n").Rules[0];
        Assert.Equal(("r-1", "Why.", RuleMode.Warn, 3, 5), (rule.Name, rule.Description, rule.Mode, rule.Position.Line, rule.Position.Column));
    }

    [Fact]
    public void RulesKeepTheirOrder()
    {
        var policy = Compile.Valid("version: 1\nrules:\n  - name: c\n  - name: a\n  - name: b\n");
        Assert.Equal(["c", "a", "b"], policy.Rules.Select(r => r.Name));
    }

    [Fact]
    public void KnownToolsAreRecognisedWhateverTheirCase() =>
        Assert.Empty(Compile.Warnings("version: 1\nrules:\n  - name: r\n    if: {provenance: {tools: [Claude-Code, copilot]}}\n"));

    [Fact]
    public void SlipsThatCompileAreWarnedAbout()
    {
        var warnings = Compile.Warnings("""
            version: 1
            rules:
              - name: r
                if: {provenance: {tools: [claude-cod, in-house-bot]}}
                requires: {distinct_teams: true, from: {level: {below: senior}}}
            """);
        Assert.Equal(
            """
            policy.yaml:4:31: warning: 'claude-cod' is not a tool Countersign knows (did you mean 'claude-code'?) (fine for an in-house agent in .countersign/signatures.yaml); known: claude-code, copilot, cursor, aider, codex, devin, jules, gemini, openhands, amp, crush, opencode, qwen-code, factory, warp, amazon-q, sweep, other-ai (field 'rules[0].if.provenance.tools[0]')
            policy.yaml:4:43: warning: 'in-house-bot' is not a tool Countersign knows (fine for an in-house agent in .countersign/signatures.yaml); known: claude-code, copilot, cursor, aider, codex, devin, jules, gemini, openhands, amp, crush, opencode, qwen-code, factory, warp, amazon-q, sweep, other-ai (field 'rules[0].if.provenance.tools[1]')
            policy.yaml:5:32: warning: distinct_teams has no effect with a count of 1 (field 'rules[0].requires.distinct_teams')
            policy.yaml:5:52: warning: approvers who are below senior: did you mean at_least? (field 'rules[0].requires.from.level')
            """.ReplaceLineEndings("\n"),
            warnings);
    }
}
