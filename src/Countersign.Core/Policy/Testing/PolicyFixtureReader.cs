using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.SignOffs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Testing;

/// <summary>
/// Reads policy test files (docs/policy-testing.md): YAML with a list of cases, each a change described by person ids
/// and component names, its sign-offs, and the expected verdict. Never throws on bad input: unknown keys, wrong types,
/// unknown people and values outside the allowed ones are errors with file, line and column naming the case; a case
/// with errors is left out, and the rest of the file is still read.
/// </summary>
public static class PolicyFixtureReader
{
    private static readonly string[] CaseFields = ["name", "now", "environment", "change", "signoffs", "expect"];
    private static readonly string[] SignOffFields = ["by", "kind", "comment", "minutes_ago", "stale", "patch_id", "files"];
    private static readonly string[] ExpectFields = ["status", "rules", "candidates"];
    private static readonly string[] Statuses = ["satisfied", "pending", "rejected", "frozen"];
    private static readonly string[] RuleStatuses = ["skipped", "approved", "pending", "disapproved"];

    private static readonly Dictionary<string, SignOffKind> Kinds = new(StringComparer.Ordinal)
    {
        ["approve"] = SignOffKind.Approve, ["reject"] = SignOffKind.Reject, ["break-glass"] = SignOffKind.BreakGlass,
    };

    /// <summary>Reads the cases of one file.</summary>
    /// <param name="text">The file's YAML.</param>
    /// <param name="source">How diagnostics and outcomes name the file.</param>
    /// <param name="org">The org directory the people in the cases must be in.</param>
    /// <param name="defaultNow">The evaluation time of a case that gives no <c>now</c>.</param>
    public static (IReadOnlyList<PolicyTestCase> Cases, IReadOnlyList<Diagnostic> Diagnostics) Read(string text, string source, OrgDirectory org, DateTimeOffset defaultNow)
    {
        var loaded = new List<Diagnostic>();
        var document = Yaml.YamlDocumentLoader.Load(text, source, "a policy test file", loaded);
        if (loaded.Count > 0)
        {
            return ([], loaded);
        }

        var yaml = new FixtureNodes(source);
        var root = yaml.Mapping(document, "file", ["cases"]);
        var items = yaml.Items(FixtureNodes.Get(root, "cases"), "cases").ToList();
        if (items.Count == 0)
        {
            yaml.Diagnostics.Add(Diagnostic.Error(source, "no test cases: the file needs a 'cases:' list", 1, 1));
            return ([], yaml.Diagnostics);
        }

        var cases = new List<PolicyTestCase>();
        for (var i = 0; i < items.Count; i++)
        {
            var errors = yaml.Diagnostics.Count;
            var read = ReadCase(items[i].Node, i, source, org, defaultNow, yaml);
            if (read is not null && yaml.Diagnostics.Count == errors)
            {
                cases.Add(read);
            }
        }

        return (cases, yaml.Diagnostics);
    }

    private static PolicyTestCase? ReadCase(YamlNode node, int index, string source, OrgDirectory org, DateTimeOffset defaultNow, FixtureNodes yaml)
    {
        yaml.Case = node is YamlMappingNode raw && FixtureNodes.Get(raw, "name") is YamlScalarNode { Value: { } written } ? written.Trim() : $"#{index + 1}";
        var map = yaml.Mapping(node, $"cases[{index}]", CaseFields);
        if (map is null)
        {
            if (FixtureNodes.IsNull(node))
            {
                yaml.Error(node, $"cases[{index}]", "expected a case: a mapping with name, change, signoffs and expect");
            }

            return null;
        }

        var name = yaml.String(FixtureNodes.Get(map, "name"), "name") ?? $"case {index + 1}";
        var now = yaml.Time(FixtureNodes.Get(map, "now"), "now") ?? defaultNow;
        var change = FixtureChangeReader.Read(FixtureNodes.Get(map, "change"), index, now, org, yaml);
        var signOffs = yaml.Items(FixtureNodes.Get(map, "signoffs"), "signoffs")
            .Select(item => SignOff(item.Node, item.Field, change, now, org, yaml))
            .OfType<SignOff>()
            .ToList();
        var expect = yaml.Mapping(FixtureNodes.Get(map, "expect"), "expect", ExpectFields);
        if (expect is null)
        {
            yaml.Error(node, "expect", "a case needs an 'expect:' with a status, rule statuses or candidates");
        }

        var status = Expected(FixtureNodes.Get(expect, "status"), "expect.status", Statuses, yaml);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rule, value) in Pairs(FixtureNodes.Get(expect, "rules"), "expect.rules", yaml))
        {
            if (Expected(value, $"expect.rules.{rule}", RuleStatuses, yaml) is { } expected)
            {
                rules[rule] = expected;
            }
        }

        var candidates = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (rule, value) in Pairs(FixtureNodes.Get(expect, "candidates"), "expect.candidates", yaml))
        {
            candidates[rule] = yaml.Strings(value, $"expect.candidates.{rule}").Where(p => Known(p.Value, p.Node, $"expect.candidates.{rule}", org, yaml)).Select(p => p.Value).ToList();
        }

        var line = (int)node.Start.Line;
        yaml.Case = null;
        return new PolicyTestCase(name, $"{source}:{line}", change, signOffs, now, yaml.String(FixtureNodes.Get(map, "environment"), "environment"), status, rules, candidates);
    }

    /// <summary>
    /// A sign-off: by a person id, given <c>minutes_ago</c> (default 60) before the case's time, for the current content
    /// unless <c>stale</c> (every file differed) or <c>patch_id</c>/<c>files</c> say what it was given for.
    /// </summary>
    private static SignOff? SignOff(YamlNode node, string field, Changes.ChangeFacts change, DateTimeOffset now, OrgDirectory org, FixtureNodes yaml)
    {
        var map = yaml.Mapping(node, field, SignOffFields);
        var byNode = FixtureNodes.Get(map, "by");
        var by = yaml.String(byNode, $"{field}.by");
        if (map is null || by is null)
        {
            yaml.Error(node, field, "a sign-off needs 'by' (a person id)");
            return null;
        }

        if (org.FindPerson(by) is null && !by.Contains('@', StringComparison.Ordinal))
        {
            Known(by, byNode!, $"{field}.by", org, yaml);
        }

        var kind = yaml.Word(FixtureNodes.Get(map, "kind"), $"{field}.kind", Kinds) ?? SignOffKind.Approve;
        var minutes = yaml.Whole(FixtureNodes.Get(map, "minutes_ago"), $"{field}.minutes_ago", 0) ?? 60;
        var stale = yaml.Flag(FixtureNodes.Get(map, "stale"), $"{field}.stale") ?? false;
        var patch = yaml.String(FixtureNodes.Get(map, "patch_id"), $"{field}.patch_id");
        var filesNode = FixtureNodes.Get(map, "files");
        if (stale && (patch is not null || filesNode is not null))
        {
            yaml.Error(node, field, "use either 'stale: true' or 'patch_id'/'files', not both");
        }

        var files = new Dictionary<string, string>(change.FilePatchIds, StringComparer.Ordinal);
        var earlier = change.PatchId + "-earlier";
        if (stale)
        {
            foreach (var path in files.Keys.ToList())
            {
                files[path] = FixtureChangeReader.FilePatchId(earlier, path);
            }
        }
        else if (filesNode is YamlMappingNode given)
        {
            // Listed files had the given patch identity then; '~' means the file was not in the change then.
            foreach (var (key, value) in given.Children)
            {
                var path = yaml.String(key, $"{field}.files") ?? "";
                if (FixtureNodes.IsNull(value))
                {
                    files.Remove(path);
                }
                else if (yaml.String(value, $"{field}.files.{path}") is { } id)
                {
                    files[path] = id;
                }
            }
        }
        else if (filesNode is not null)
        {
            yaml.Error(filesNode, $"{field}.files", "expected a mapping of path to the file's patch id then ('~': not in the change then)");
        }

        var patchId = patch ?? (stale || filesNode is not null ? earlier : change.PatchId);
        return new SignOff($"{change.Key}/{field}", change.Key, by, kind, patchId, files, change.HeadSha, now.AddMinutes(-minutes), yaml.String(FixtureNodes.Get(map, "comment"), $"{field}.comment"));
    }

    private static IEnumerable<(string Key, YamlNode Value)> Pairs(YamlNode? node, string field, FixtureNodes yaml)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode map)
        {
            yaml.Error(node, field, "expected a mapping of rule name to expectation");
            return [];
        }

        return map.Children.Select(kv => (Key: yaml.String(kv.Key, field) ?? "", kv.Value));
    }

    private static string? Expected(YamlNode? node, string field, string[] allowed, FixtureNodes yaml)
    {
        var value = yaml.String(node, field);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            yaml.Error(node!, field, $"'{value}' is not one of {string.Join(", ", allowed)}{Spelling.DidYouMean(value, allowed)}");
            return null;
        }

        return value;
    }

    private static bool Known(string id, YamlNode node, string field, OrgDirectory org, FixtureNodes yaml)
    {
        if (org.FindPerson(id) is not null)
        {
            return true;
        }

        yaml.Error(node, field, $"no person '{id}' in the org directory{Spelling.DidYouMean(id, org.People.Select(p => p.Id))}");
        return false;
    }
}
