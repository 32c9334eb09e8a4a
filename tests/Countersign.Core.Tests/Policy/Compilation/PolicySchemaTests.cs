using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Schema;
using Countersign.Core.Tests.Yaml;
using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>
/// The JSON Schema editors use and the compiler agree: generated from the same description, they accept the same
/// policies and reject the same structural mistakes (the compiler also checks what a schema cannot: names against the
/// org directory, globs, calendar dates, time zones).
/// </summary>
public sealed class PolicySchemaTests
{
    private static readonly Lazy<SchemaCheck> Schema = new(() => new SchemaCheck(PolicySchema.Generate()));

    /// <summary>Uses every key the schema publishes.</summary>
    internal const string KitchenSink = """
        version: 1
        extends: [org.yaml]
        disable: [org-rule]
        protected_branches: [main, "release/*"]
        rules:
          - name: everything
            description: Every condition key.
            mode: warn
            locked: true
            if:
              all:
                - provenance: {status: [ai], tools: [claude-code], ai_line_share: {at_least: 0.5, at_most: 1, above: 0, below: 1}}
                - author: {level: {at_least: junior, at_most: mid, above: intern, below: senior}, teams: [payments], people: [dana]}
                - contributors: {level: {is: [junior]}, match: all}
                - paths: {any: [services/], only: ["**"], none: ["**/*.md"]}
                - components: {names: [payments], scope: touched}
                - tier: {at_least: 1, at_most: 2, above: 0, below: 3, scope: reached}
                - blast_radius: {class: [critical], score: {at_least: 20}}
                - risk: {score: {at_least: 60}}
                - size: {lines: {at_least: 1}, added: {at_least: 1}, deleted: {at_most: 9}, files: {below: 50}, commits: {above: 0}}
                - labels: {any: [a], all: [b], none: [c]}
                - target_branch: [main]
                - source_branch: ["feature/*"]
                - time: {start: 2026-01-01T00:00:00Z, end: 2027-01-01T00:00:00Z, days: [mon], from: "09:00", to: "17:00", timezone: Europe/London}
              any: [{not: {labels: {any: [x]}}}]
            requires:
              count: 2
              from: {any_of: [{level: {at_least: senior}, owners: [affected], teams: [payments], people: [erin]}]}
              distinct_teams: true
              invalidate_on: rule-paths
              disapproval: false
              allow_committers: true
        freezes:
          - name: f
            reason: Why.
            window: {days: [fri]}
            branches: [main]
            services: [payments]
            environments: [production]
            except: {labels: {any: [hotfix]}}
        break_glass:
          allowed: {level: {at_least: staff}}
          min_reason_length: 10
          review_within: 2h
        """;

    [Fact]
    public void TheCommittedSchemaIsTheGeneratedOne()
    {
        SchemaCheck.AssertCommitted("policy.schema.json", PolicySchema.Generate(), nameof(TheCommittedSchemaIsTheGeneratedOne));
    }

    [Fact]
    public void TheKitchenSinkUsesEveryKeyTheSchemaPublishesAndCompiles()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        Walk(PolicyParser.Parse(KitchenSink, "k").Root!, used);
        var published = new HashSet<string>(PublishedKeys(), StringComparer.Ordinal);
        published.ExceptWith(used);
        Assert.Empty(published);

        var org = new Dictionary<string, string> { ["org.yaml"] = "version: 1\nrules:\n  - name: org-rule\n" };
        var policy = Compile.Valid(KitchenSink, org);
        Assert.Equal("everything", Assert.Single(policy.Rules).Name);
        Assert.True(IsValid(KitchenSink));
    }

    [Fact]
    public void TheSchemaAcceptsTheDefaultPolicyAndEveryDocumentedExample()
    {
        Assert.True(IsValid(DefaultPolicy.Text), Errors(DefaultPolicy.Text));
        foreach (var (_, text) in PolicyDocsTests.Examples())
        {
            Assert.True(IsValid(text), text + "\n" + Errors(text));
        }
    }

    [Theory]
    [MemberData(nameof(DiagnosticTests.Mistakes), MemberType = typeof(DiagnosticTests))]
    public void StructuralMistakesAreRejectedByTheSchemaToo(string yaml, string error)
    {
        if (SemanticOnly.Any(s => error.Contains(s, StringComparison.Ordinal)) || PolicyParser.Parse(yaml, "p").Root is null)
        {
            return;
        }

        Assert.False(IsValid(yaml), $"the schema accepts what the compiler rejects:\n{yaml}\n{error}");
    }

    [Theory]
    [InlineData("version: 1\nrules:\n  - name: r\n    if:\n    requires:\n")]
    [InlineData("version: 1\nrules:\nfreezes:\nextends:\ndisable:\n")]
    [InlineData("version: 1\nrules:\n  - name: r\n    if: {time: {from: \"9:00\", to: \"24:00\"}}\n")]
    [InlineData("version: 1\nrules:\n  - name: r\n    requires: {count: 0x10}\n")]
    public void EmptyValuesAndEdgeSyntaxTheCompilerAcceptsTheSchemaAcceptsToo(string yaml)
    {
        Assert.False(Compile.Policy(yaml).HasErrors, string.Join("\n", Compile.Policy(yaml).Diagnostics));
        Assert.True(IsValid(yaml), Errors(yaml));
    }

    /// <summary>Checks the compiler makes and a JSON Schema cannot: they need the org directory, a calendar, a time-zone database or glob syntax.</summary>
    private static readonly string[] SemanticOnly =
    [
        "is used twice", "is not a level", "no level is", "no team", "no person", "is not a valid glob", "is not a date on the calendar",
        "ends before it starts", "the same time", "is not a time zone", "contains no number", "no tier is", "'lead' is not allowed",
    ];

    private static bool IsValid(string yaml) => Schema.Value.IsValid(yaml);

    private static string Errors(string yaml) => Schema.Value.Errors(yaml);

    private static void Walk(YamlNode node, HashSet<string> keys)
    {
        switch (node)
        {
            case YamlMappingNode m:
                foreach (var (key, value) in m.Children)
                {
                    keys.Add(((YamlScalarNode)key).Value!);
                    Walk(value, keys);
                }

                break;
            case YamlSequenceNode s:
                foreach (var child in s.Children)
                {
                    Walk(child, keys);
                }

                break;
        }
    }

    private static IEnumerable<string> PublishedKeys()
    {
        var types = new[] { PolicySchema.Root, PolicySchema.Rule, PolicySchema.Freeze, PolicySchema.BreakGlass, PolicySchema.Requires }.Concat(PolicySchema.Definitions.Values);
        var seen = new HashSet<SchemaType>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<SchemaType>(types);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            switch (type)
            {
                case ObjectType o:
                    foreach (var p in o.Properties)
                    {
                        yield return p.Key;
                        pending.Push(p.Type);
                    }

                    break;
                case ArrayType a:
                    pending.Push(a.Items);
                    break;
            }
        }
    }
}
