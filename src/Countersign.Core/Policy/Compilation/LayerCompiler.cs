using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Schema;
using Countersign.Core.Text;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Compiles one policy file on its own into a <see cref="PolicyLayer"/>: every key, type and value checked, every
/// rule, freeze and break-glass compiled. What it extends is resolved by <see cref="ExtendsResolver"/>. A rule or
/// freeze with an error is left out and reported; the rest of the file is still checked, so one run lists every
/// problem.
/// </summary>
internal sealed class LayerCompiler
{
    private readonly NodeReader reader;
    private readonly ValueCompiler values;
    private readonly ConditionCompiler conditions;
    private readonly RequirementCompiler requirements;

    private LayerCompiler(string source, OrgDirectory org, List<Diagnostic> diagnostics)
    {
        reader = new NodeReader(PolicySchema.Document, source, diagnostics);
        values = new ValueCompiler(reader, org);
        conditions = new ConditionCompiler(reader, values);
        requirements = new RequirementCompiler(reader, values);
    }

    /// <summary>The file's layer, or null when its root is not a usable mapping (already reported).</summary>
    public static PolicyLayer? Compile(ParsedPolicy parsed, OrgDirectory org, List<Diagnostic> diagnostics) =>
        parsed.Root is null ? null : new LayerCompiler(parsed.Source, org, diagnostics).Layer(parsed.Root);

    private PolicyLayer? Layer(YamlNode root)
    {
        if (reader.Mapping(root, PolicySchema.Root, "") is not { } k)
        {
            return null;
        }

        _ = k.Number("version");
        var extends = new List<(string, YamlNode)>();
        foreach (var (path, node) in k.Strings("extends") ?? [])
        {
            if (ExtendsPath.Problem(path) is { } problem)
            {
                reader.Error(node, $"cannot extend '{UntrustedText.Bound(path, NodeReader.MaxShown)}': {problem}", "extends");
            }
            else
            {
                extends.Add((path, node));
            }
        }

        var rules = Named(k.Items("rules"), "rules", "rule", Rule);
        var freezes = Named(k.Items("freezes"), "freezes", "freeze", Freeze);
        var breakGlass = k.Value("break_glass") is { } glass ? BreakGlass(glass) : null;
        var protectedBranches = k.Has("protected_branches") ? values.Globs(k, "protected_branches") : null;
        return new PolicyLayer(reader, extends, k.Strings("disable") ?? [], [.. rules.Select(r => r.Value)], [.. freezes.Select(f => (f.Value, f.NameNode, f.Field))], breakGlass, protectedBranches);
    }

    /// <summary>Compiles each item of a list of named things, reporting names used twice in this file.</summary>
    private List<(T Value, YamlNode NameNode, string Field)> Named<T>(IReadOnlyList<YamlNode>? items, string list, string what, Func<YamlNode, string, (string Name, YamlNode NameNode, T Value)?> compile)
    {
        var result = new List<(T Value, YamlNode NameNode, string Field)>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (compile(items![i], $"{list}[{i}]") is not { } compiled)
            {
                continue;
            }

            if (seen.TryGetValue(compiled.Name, out var first))
            {
                reader.Error(compiled.NameNode, $"{what} name '{compiled.Name}' is used twice in this file (first at line {first.Start.Line})", $"{list}[{i}].name");
                continue;
            }

            seen[compiled.Name] = compiled.NameNode;
            result.Add((compiled.Value, compiled.NameNode, $"{list}[{i}]"));
        }

        return result;
    }

    private (string, YamlNode, LayerRule)? Rule(YamlNode node, string field)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.Rule, field) is not { } k)
        {
            return null;
        }

        var at = reader.Span(node);
        var name = k.String("name");
        var description = k.String("description");
        var mode = k.Word("mode", PolicyVocabulary.Modes);
        var locked = k.Bool("locked");
        var condition = k.Value("if") is { } ifNode ? conditions.Compile(ifNode, k.Path("if")) : null;
        var requires = requirements.Compile(k.Value("requires"), k.Path("requires"), at);
        if (reader.ErrorCount != before || name is null || mode is null || locked is null || requires is null)
        {
            return null;
        }

        var rule = new PolicyRule(name, description, mode.Value, condition, requires, at);
        return (name, k.Value("name")!, new LayerRule(rule, locked.Value, k.Value("name")!, field));
    }

    private (string, YamlNode, FreezeWindow)? Freeze(YamlNode node, string field)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.Freeze, field) is not { } k)
        {
            return null;
        }

        var name = k.String("name");
        var reason = k.String("reason");
        var window = k.Value("window") is { } w ? values.Window(w, k.Path("window")) : null;
        var branches = values.Globs(k, "branches");
        var services = k.Strings("services")?.Select(s => s.Value).ToList();
        var environments = k.Strings("environments")?.Select(e => e.Value).ToList();
        var except = k.Value("except") is { } x ? conditions.Compile(x, k.Path("except")) : null;
        if (reader.ErrorCount != before || name is null || window is null)
        {
            return null;
        }

        return (name, k.Value("name")!, new FreezeWindow(name, reason, window, branches, services, environments, except, reader.Span(node)));
    }

    private BreakGlassPolicy? BreakGlass(YamlNode node)
    {
        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.BreakGlass, "break_glass") is not { } k)
        {
            return null;
        }

        var allowed = k.Value("allowed") is { } a ? requirements.Set(a, k.Path("allowed")) : null;
        var minimum = k.Number("min_reason_length");
        var withinText = k.String("review_within");
        var within = withinText is null ? null : ValueCompiler.Duration(withinText);
        if (withinText is not null && within is null && k.Value("review_within") is { } withinNode)
        {
            reader.Error(withinNode, ValueCompiler.DurationProblem(withinText)!, k.Path("review_within"));
        }

        return reader.ErrorCount != before || allowed is null || minimum is null || within is null
            ? null
            : new BreakGlassPolicy(allowed, (int)minimum, within.Value, reader.Span(node));
    }
}
