using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Conditions;

namespace Countersign.Core.Tests.Policy.Compilation;

public sealed class ConditionCompilationTests
{
    public static TheoryData<string, string> EveryConditionKey() => new()
    {
        { "{provenance: {status: [ai, ai-suggested]}}", "provenance(status=ai|ai-suggested)" },
        { "{provenance: {status: [human-declared, unknown], tools: [claude-code, copilot]}}", "provenance(status=human-declared|unknown; tools=claude-code|copilot)" },
        { "{provenance: {ai_line_share: {at_least: 0.5, below: 1}}}", "provenance(ai_line_share=≥ 0.5 and < 1)" },
        { "{author: {level: {below: senior}}}", "author(level=below senior)" },
        { "{author: {level: {at_least: mid, at_most: staff}, teams: [payments], people: [dana, bob]}}", "author(level=mid or above and staff or below; teams=payments; people=dana|bob)" },
        { "{author: {level: {is: [junior, mid]}}}", "author(level=junior or mid)" },
        { "{author: {level: {above: junior}}}", "author(level=above junior)" },
        { "{contributors: {teams: [commerce]}}", "contributors(teams=commerce; match=any)" },
        { "{contributors: {level: {below: senior}, match: all}}", "contributors(level=below senior; match=all)" },
        { "{paths: {any: [\"services/payments/\"]}}", "paths(any=services/payments/**)" },
        { "{paths: {only: [\"**/*.md\", \"/docs/\"], none: [\"docs/secret/*\"]}}", "paths(only=**/*.md|docs/**; none=docs/secret/*)" },
        { "{components: {names: [payments, \"component:default/ledger\"]}}", "components(names=payments|component:default/ledger; scope=affected)" },
        { "{components: {names: [payments], scope: reached}}", "components(names=payments; scope=reached)" },
        { "{tier: {at_most: 1}}", "tier(tiers=≤ 1; scope=affected)" },
        { "{tier: {at_least: 1, below: 3, scope: touched}}", "tier(tiers=≥ 1 and < 3; scope=touched)" },
        { "{blast_radius: {class: [critical, multi-service]}}", "blast_radius(class=critical|multi-service)" },
        { "{blast_radius: {score: {at_least: 20}}}", "blast_radius(score=≥ 20)" },
        { "{blast_radius: {class: [service], score: {above: 4.5}}}", "blast_radius(class=service; score=> 4.5)" },
        { "{risk: {score: {at_least: 60}}}", "risk(score=≥ 60)" },
        { "{size: {lines: {at_least: 400}}}", "size(lines=≥ 400)" },
        { "{size: {added: {above: 10}, deleted: {at_most: 5}, files: {below: 3}, commits: {at_least: 2}}}", "size(added=> 10; deleted=≤ 5; files=< 3; commits=≥ 2)" },
        { "{labels: {any: [hotfix]}}", "labels(any=hotfix)" },
        { "{labels: {all: [a, b], none: [wip]}}", "labels(all=a|b; none=wip)" },
        { "{target_branch: [main, \"release/*\"]}", "target_branch(branches=main|release/*)" },
        { "{source_branch: [\"copilot/**\"]}", "source_branch(branches=copilot/**)" },
        { "{time: {days: [fri], from: \"16:00\", to: \"24:00\", timezone: Europe/Berlin}}", "time(window=Fri, 16:00–24:00 Europe/Berlin)" },
        { "{time: {start: 2026-12-19T00:00:00Z, end: 2027-01-04T00:00:00Z}}", "time(window=2026-12-19 00:00Z to 2027-01-04 00:00Z)" },
        { "{time: {days: [sat, sun]}}", "time(window=Sat/Sun)" },
    };

    [Theory]
    [MemberData(nameof(EveryConditionKey))]
    public void EachConditionKeyCompilesToItsRecordWithItsValues(string yaml, string expected) =>
        Assert.Equal(expected, CompiledText.Of(Compile.If(yaml)));

    public static TheoryData<string, string> Combinations() => new()
    {
        { "{all: [{labels: {any: [a]}}, {risk: {score: {at_least: 1}}}]}", "all(labels(any=a), risk(score=≥ 1))" },
        { "{any: [{not: {labels: {any: [docs]}}}, {all: [{tier: {at_most: 1}}, {risk: {score: {at_least: 50}}}]}]}", "any(not(labels(any=docs)), all(tier(tiers=≤ 1; scope=affected), risk(score=≥ 50)))" },
        { "{not: {not: {labels: {any: [x]}}}}", "not(not(labels(any=x)))" },
        { "{all: []}", "all()" },
        { "{any: []}", "any()" },
        // Several keys in one mapping: all of them, in the order written.
        { "{tier: {at_most: 1}, labels: {any: [x]}}", "all(tier(tiers=≤ 1; scope=affected), labels(any=x))" },
        { "{not: {labels: {any: [a]}, target_branch: [main]}}", "not(all(labels(any=a), target_branch(branches=main)))" },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void CombinatorsNestAndSeveralKeysMeanAll(string yaml, string expected) =>
        Assert.Equal(expected, CompiledText.Of(Compile.If(yaml)));

    [Fact]
    public void BlockStyleCompilesLikeFlowStyle()
    {
        var policy = Compile.Valid("""
            version: 1
            rules:
              - name: r
                if:
                  all:
                    - provenance:
                        status: [ai]
                    - author:
                        level:
                          below: senior
            """);
        Assert.Equal("all(provenance(status=ai), author(level=below senior))", CompiledText.Of(policy.Rules[0].If!));
    }

    [Fact]
    public void ConditionsKnowWhereTheyWereWritten()
    {
        var rule = Compile.Valid("version: 1\nrules:\n  - name: r\n    if:\n      all:\n        - labels: {any: [a]}\n").Rules[0];
        var all = Assert.IsType<AllCondition>(rule.If);
        Assert.Equal(("policy.yaml", 5, 7), (all.Position.Source, all.Position.Line, all.Position.Column));
        Assert.Equal((6, 11), (all.Children[0].Position.Line, all.Children[0].Position.Column));
    }

    [Fact]
    public void NestingUpToTheLimitCompilesAndOneMoreIsAnError()
    {
        static string Nots(int depth) => $"version: 1\nrules:\n  - name: r\n    if: {string.Concat(Enumerable.Repeat("{not: ", depth))}{{labels: {{any: [x]}}}}{new string('}', depth)}\n";
        Assert.NotNull(Compile.Valid(Nots(ConditionCompiler.MaxDepth)).Rules[0].If);
        Assert.Equal(
            $"policy.yaml:4:{9 + (6 * (ConditionCompiler.MaxDepth + 1))}: error: conditions are nested more than 32 deep (all/any/not); flatten them (field 'rules[0].if{string.Concat(Enumerable.Repeat(".not", ConditionCompiler.MaxDepth + 1))}')",
            Compile.Errors(Nots(ConditionCompiler.MaxDepth + 1)));
    }

    [Fact]
    public void ARuleWithoutIfAlwaysApplies()
    {
        var policy = Compile.Valid("version: 1\nrules:\n  - name: a\n  - name: b\n    if:\n");
        Assert.All(policy.Rules, r => Assert.Null(r.If));
    }

    [Fact]
    public void OwnPathsForStalenessAreThePathConditionsOutsideNot()
    {
        var rule = Compile.Valid("version: 1\nrules:\n  - name: r\n    if: {all: [{paths: {any: [a/]}}, {not: {paths: {any: [b/]}}}]}\n").Rules[0];
        Assert.Equal("a/**", Assert.Single(Assert.Single(rule.OwnPaths).Any!).Pattern);
    }
}
