using System.Globalization;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Stage two: a parsed policy (and the files it <c>extends</c>) to a <see cref="CompiledPolicy"/>, checking every key,
/// type and value, and every level, team and person against the org directory. Extended policies come first; a local
/// rule with the same name replaces an inherited one and <c>disable</c> drops one, unless it is <c>locked</c>.
/// Freezes add up; <c>protected_branches</c> and <c>break_glass</c> are inherited unless the file sets its own.
/// </summary>
public static class PolicyCompiler
{
    public const int MaxExtendsDepth = 8;
    public static readonly IReadOnlyList<string> DefaultProtectedBranches = ["main", "master"];

    public static PolicyCompileResult Compile(ParsedPolicy parsed, OrgDirectory org, Func<string, (string Text, string Source)?> readExtended)
    {
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        var layer = CompileLayer(parsed, org, readExtended, diagnostics, [parsed.Source], 0);
        if (layer is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new PolicyCompileResult(null, diagnostics);
        }

        var policy = new CompiledPolicy(parsed.Source, layer.Rules.Select(r => r.Rule).ToList(), layer.Freezes, layer.BreakGlass,
            layer.ProtectedBranches ?? DefaultProtectedBranches.Select(b => new PolicyGlob(b)).ToList());
        return new PolicyCompileResult(policy, diagnostics);
    }

    private sealed record Layer(List<(PolicyRule Rule, bool Locked)> Rules, List<FreezeWindow> Freezes, BreakGlassPolicy? BreakGlass, List<PolicyGlob>? ProtectedBranches);

    private static Layer? CompileLayer(ParsedPolicy parsed, OrgDirectory org, Func<string, (string Text, string Source)?> readExtended, List<Diagnostic> diagnostics, List<string> chain, int depth)
    {
        if (parsed.Root is null)
        {
            return null;
        }

        var reader = new NodeReader(parsed.Source, diagnostics);
        if (reader.Mapping(parsed.Root, PolicySchema.Root, "") is not { } keys)
        {
            return null;
        }

        if (keys.TryGetValue("version", out var version))
        {
            reader.Number(version, "version", 1, 1, integer: true);
        }

        var conditions = new ConditionCompiler(reader, org);
        var requirements = new RequirementCompiler(reader, conditions);
        var inherited = new Layer([], [], null, null);
        if (keys.TryGetValue("extends", out var extends))
        {
            foreach (var (path, node) in reader.Strings(extends, "extends") ?? [])
            {
                var extended = Extend(path, node, reader, org, readExtended, diagnostics, chain, depth);
                if (extended is not null)
                {
                    inherited.Rules.RemoveAll(r => extended.Rules.Any(e => e.Rule.Name == r.Rule.Name));
                    inherited.Rules.AddRange(extended.Rules);
                    inherited.Freezes.AddRange(extended.Freezes);
                    inherited = inherited with { BreakGlass = extended.BreakGlass ?? inherited.BreakGlass, ProtectedBranches = extended.ProtectedBranches ?? inherited.ProtectedBranches };
                }
            }
        }

        var rules = new List<(PolicyRule Rule, bool Locked)>(inherited.Rules);
        if (keys.TryGetValue("disable", out var disable))
        {
            foreach (var (name, node) in reader.Strings(disable, "disable") ?? [])
            {
                var index = rules.FindIndex(r => r.Rule.Name == name);
                if (index < 0)
                {
                    reader.Error(node, $"no inherited rule '{NodeReader.Bound(name)}' to disable{Spelling.DidYouMean(name, rules.Select(r => r.Rule.Name))}", "disable");
                }
                else if (rules[index].Locked)
                {
                    reader.Error(node, $"rule '{name}' is locked by {rules[index].Rule.Position.Source} and cannot be disabled", "disable");
                }
                else
                {
                    rules.RemoveAt(index);
                }
            }
        }

        if (keys.TryGetValue("rules", out var rulesNode))
        {
            var local = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (node, i) in Items(rulesNode, "rules", reader))
            {
                var field = $"rules[{i}]";
                if (CompileRule(node, field, reader, conditions, requirements) is not { } compiled)
                {
                    continue;
                }

                if (!local.Add(compiled.Rule.Name))
                {
                    reader.Error(node, $"rule name '{compiled.Rule.Name}' is used twice in this file", field + ".name");
                    continue;
                }

                var existing = rules.FindIndex(r => r.Rule.Name == compiled.Rule.Name);
                if (existing >= 0 && rules[existing].Locked)
                {
                    reader.Error(node, $"rule '{compiled.Rule.Name}' is locked by {rules[existing].Rule.Position.Source} and cannot be replaced", field + ".name");
                }
                else if (existing >= 0)
                {
                    rules[existing] = compiled;
                }
                else
                {
                    rules.Add(compiled);
                }
            }
        }

        var freezes = new List<FreezeWindow>(inherited.Freezes);
        if (keys.TryGetValue("freezes", out var freezesNode))
        {
            foreach (var (node, i) in Items(freezesNode, "freezes", reader))
            {
                if (CompileFreeze(node, $"freezes[{i}]", reader, conditions) is { } freeze)
                {
                    if (freezes.Any(f => f.Name == freeze.Name))
                    {
                        reader.Error(node, $"freeze name '{freeze.Name}' is used twice", $"freezes[{i}].name");
                    }

                    freezes.Add(freeze);
                }
            }
        }

        var breakGlass = keys.TryGetValue("break_glass", out var glassNode) ? CompileBreakGlass(glassNode, reader, requirements) : inherited.BreakGlass;
        var protectedBranches = keys.TryGetValue("protected_branches", out var branches) ? conditions.Globs(branches, "protected_branches") : inherited.ProtectedBranches;
        return new Layer(rules, freezes, breakGlass, protectedBranches);
    }

    private static Layer? Extend(string path, YamlNode node, NodeReader reader, OrgDirectory org, Func<string, (string Text, string Source)?> readExtended, List<Diagnostic> diagnostics, List<string> chain, int depth)
    {
        if (depth >= MaxExtendsDepth)
        {
            reader.Error(node, $"policies extend each other more than {MaxExtendsDepth} levels deep", "extends");
            return null;
        }

        if (readExtended(path) is not { } file)
        {
            reader.Error(node, $"cannot read extended policy '{NodeReader.Bound(path)}' (paths are relative to this file)", "extends");
            return null;
        }

        if (chain.Contains(file.Source, StringComparer.Ordinal))
        {
            reader.Error(node, $"policies extend each other in a cycle: {string.Join(" → ", chain)} → {file.Source}", "extends");
            return null;
        }

        var parsed = PolicyParser.Parse(file.Text, file.Source);
        diagnostics.AddRange(parsed.Diagnostics);
        return CompileLayer(parsed, org, readExtended, diagnostics, [.. chain, file.Source], depth + 1);
    }

    private static IEnumerable<(YamlNode Node, int Index)> Items(YamlNode node, string field, NodeReader reader)
    {
        if (node is YamlSequenceNode list)
        {
            return list.Children.Select((n, i) => (n, i));
        }

        if (!NodeReader.IsNull(node))
        {
            reader.Error(node, $"expected a list, found {NodeReader.Describe(node)}", field);
        }

        return [];
    }

    private static (PolicyRule Rule, bool Locked)? CompileRule(YamlNode node, string field, NodeReader reader, ConditionCompiler conditions, RequirementCompiler requirements)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.Rule, field) is not { } k)
        {
            return null;
        }

        var name = k.TryGetValue("name", out var nameNode) ? reader.String(nameNode, field + ".name") : null;
        if (name is not null && !IsRuleName(name))
        {
            reader.Error(nameNode!, $"rule name '{NodeReader.Bound(name)}' must be lower-case letters, digits and dashes", field + ".name");
        }

        var description = k.TryGetValue("description", out var d) ? reader.String(d, field + ".description") : null;
        var mode = k.TryGetValue("mode", out var m) && reader.String(m, field + ".mode", ["enforce", "warn"]) == "warn" ? RuleMode.Warn : RuleMode.Enforce;
        var locked = k.TryGetValue("locked", out var l) && reader.Bool(l, field + ".locked") == true;
        var condition = k.TryGetValue("if", out var cond) && !NodeReader.IsNull(cond) ? conditions.Compile(cond, field + ".if") : null;
        var requires = requirements.Compile(k.GetValueOrDefault("requires"), field + ".requires", reader.Span(node));
        if (name is null || requires is null || reader.ErrorCount != before)
        {
            return null;
        }

        return (new PolicyRule(name, description, mode, condition, requires, reader.Span(node)), locked);
    }

    private static FreezeWindow? CompileFreeze(YamlNode node, string field, NodeReader reader, ConditionCompiler conditions)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.Freeze, field) is not { } k)
        {
            return null;
        }

        var name = k.TryGetValue("name", out var n) ? reader.String(n, field + ".name") : null;
        var reason = k.TryGetValue("reason", out var r) ? reader.String(r, field + ".reason") : null;
        var window = k.TryGetValue("window", out var w) ? conditions.Window(w, field + ".window") : null;
        var branches = k.TryGetValue("branches", out var b) ? conditions.Globs(b, field + ".branches") : null;
        var services = k.TryGetValue("services", out var s) ? reader.Strings(s, field + ".services")?.Select(x => x.Value).ToList() : null;
        var environments = k.TryGetValue("environments", out var e) ? reader.Strings(e, field + ".environments")?.Select(x => x.Value).ToList() : null;
        var except = k.TryGetValue("except", out var x) ? conditions.Compile(x, field + ".except") : null;
        return name is null || window is null || reader.ErrorCount != before
            ? null
            : new FreezeWindow(name, reason, window, branches, services, environments, except, reader.Span(node));
    }

    private static BreakGlassPolicy? CompileBreakGlass(YamlNode node, NodeReader reader, RequirementCompiler requirements)
    {
        const string field = "break_glass";
        if (reader.Mapping(node, PolicySchema.BreakGlass, field) is not { } k)
        {
            return null;
        }

        var allowed = k.TryGetValue("allowed", out var a) ? requirements.Approvers(a, field + ".allowed") : null;
        var minimum = k.TryGetValue("min_reason_length", out var m) ? reader.Number(m, field + ".min_reason_length", 1, 10_000, integer: true) : 20;
        var within = TimeSpan.FromHours(48);
        if (k.TryGetValue("review_within", out var w) && reader.String(w, field + ".review_within") is { } text)
        {
            if (Duration(text) is { } parsed)
            {
                within = parsed;
            }
            else
            {
                reader.Error(w, $"'{NodeReader.Bound(text)}' is not a duration: write a number and a unit, 30m, 48h or 3d", field + ".review_within");
            }
        }

        return allowed is null || minimum is null ? null : new BreakGlassPolicy(allowed, (int)minimum, within, reader.Span(node));
    }

    /// <summary>Parses <c>30m</c>, <c>48h</c>, <c>3d</c>; null for anything else.</summary>
    internal static TimeSpan? Duration(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        return text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
    }

    private static bool IsRuleName(string name) =>
        name.Length is > 0 and <= 100 && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
