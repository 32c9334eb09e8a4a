using Countersign.Core.Organisation;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Schema;
using Countersign.Core.Provenance.Signatures;
using Countersign.Core.Text;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Compiles condition mappings (a rule's <c>if:</c>, a freeze's <c>except:</c>) into <see cref="ICondition"/> trees.
/// A mapping with one key is that condition; with several keys, all of them must hold (an <see cref="AllCondition"/>).
/// </summary>
internal sealed class ConditionCompiler(NodeReader reader, ValueCompiler values)
{
    /// <summary>Deeper nesting of all/any/not is an error: a policy no one can read is a policy no one can review.</summary>
    public const int MaxDepth = 32;

    private static readonly ObjectType Condition = PolicySchema.Definitions["condition"];

    /// <summary>Compiles a condition mapping; <paramref name="depth"/> counts the all/any/not around it.</summary>
    public ICondition? Compile(YamlNode node, string field, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            reader.Error(node, $"conditions are nested more than {MaxDepth} deep (all/any/not); flatten them", field);
            return null;
        }

        var before = reader.ErrorCount;
        if (reader.Mapping(node, Condition, field) is not { } k || k.Count == 0)
        {
            return null;
        }

        var parts = k.Given.Select(key => Key(k, key, depth)).ToList();
        if (reader.ErrorCount != before || parts.Any(p => p is null))
        {
            return null;
        }

        return parts.Count == 1 ? parts[0] : new AllCondition(parts!, reader.Span(node));
    }

    private ICondition? Key(MappingFields k, string key, int depth)
    {
        var value = k.Value(key)!;
        var field = k.Path(key);
        var at = reader.Span(k.KeyNode(key)!);
        return key switch
        {
            "all" or "any" => Combinator(k, key, depth, at),
            "not" => Compile(value, field, depth + 1) is { } inner ? new NotCondition(inner, at) : null,
            "provenance" => Provenance(k.Mapping(key), at),
            "author" => People(value, field, PersonScope.Author, "person", at),
            "contributors" => People(value, field, PersonScope.Contributors, "contributors", at),
            "paths" => k.Mapping(key) is { } p ? new PathsCondition(values.Globs(p, "any"), values.Globs(p, "only"), values.Globs(p, "none"), at) : null,
            "components" => k.Mapping(key) is { } c && c.Strings("names") is { } names
                ? new ComponentsCondition([.. names.Select(n => n.Value)], c.Word("scope", PolicyVocabulary.Scopes) ?? ComponentScope.Affected, at)
                : null,
            "tier" => Tier(k.Mapping(key), at),
            "blast_radius" => k.Mapping(key) is { } b
                ? new BlastRadiusCondition(b.Words("class", PolicyVocabulary.BlastClasses), Range(b, "score"), at)
                : null,
            "risk" => k.Mapping(key) is { } r && Range(r, "score") is { } score ? new RiskCondition(score, at) : null,
            "size" => k.Mapping(key) is { } s
                ? new SizeCondition(Range(s, "lines"), Range(s, "added"), Range(s, "deleted"), Range(s, "files"), Range(s, "commits"), at)
                : null,
            "labels" => k.Mapping(key) is { } l
                ? new LabelsCondition(Texts(l, "any"), Texts(l, "all"), Texts(l, "none"), at)
                : null,
            "target_branch" or "source_branch" => values.Globs(k, key) is { } branches ? new BranchCondition(key == "target_branch", branches, at) : null,
            "time" => values.Window(value, field) is { } window ? new TimeCondition(window, at) : null,
            _ => throw new InvalidOperationException($"condition key '{key}' is in the schema but has no compiler"),
        };
    }

    private ICondition? Combinator(MappingFields k, string key, int depth, SourceSpan at)
    {
        if (k.Items(key) is not { } items)
        {
            return null;
        }

        var children = items.Select((c, i) => Compile(c, $"{k.Path(key)}[{i}]", depth + 1)).ToList();
        if (children.Any(c => c is null))
        {
            return null;
        }

        return key == "all" ? new AllCondition(children!, at) : new AnyCondition(children!, at);
    }

    private ProvenanceCondition? Provenance(MappingFields? k, SourceSpan at)
    {
        if (k is null)
        {
            return null;
        }

        var tools = k.Strings("tools");
        for (var i = 0; i < (tools?.Count ?? 0); i++)
        {
            var (tool, node) = tools![i];
            var known = SignatureCatalog.Default.Tools.Select(t => t.Id).ToList();
            if (!known.Contains(tool, StringComparer.OrdinalIgnoreCase))
            {
                reader.Warning(node, $"'{UntrustedText.Bound(tool, NodeReader.MaxShown)}' is not a tool Countersign knows{Spelling.DidYouMean(tool, known)} (fine for an in-house agent in .countersign/signatures.yaml); known: {string.Join(", ", known)}", $"{k.Path("tools")}[{i}]");
            }
        }

        return new ProvenanceCondition(k.Words("status", PolicyVocabulary.Statuses), tools?.Select(t => t.Value).ToList(), Range(k, "ai_line_share"), at);
    }

    private PeopleCondition? People(YamlNode value, string field, PersonScope scope, string definition, SourceSpan at)
    {
        if (reader.Mapping(value, PolicySchema.Definitions[definition], field) is not { } k)
        {
            return null;
        }

        var level = k.Value("level") is { } node ? values.Levels(node, k.Path("level")) : null;
        var requireAll = scope == PersonScope.Contributors && k.Word("match", PolicyVocabulary.Match) == true;
        return new PeopleCondition(scope, level, values.TeamIds(k, "teams"), values.PersonIds(k, "people"), requireAll, at);
    }

    private TierCondition? Tier(MappingFields? k, SourceSpan at)
    {
        if (k is null)
        {
            return null;
        }

        var range = new NumberRange(k.Number("at_least"), k.Number("at_most"), k.Number("above"), k.Number("below"));
        if (ValueCompiler.IsEmpty(range.AtLeast, range.Above, range.AtMost, range.Below, discrete: true))
        {
            reader.Error(k.Node, $"no tier is {range}", k.Field);
            return null;
        }

        return k.Word("scope", PolicyVocabulary.Scopes) is { } scope ? new TierCondition(range, scope, at) : null;
    }

    private NumberRange? Range(MappingFields k, string key) =>
        k.Value(key) is { } node ? values.Range(node, k.TypeOf<ObjectType>(key), k.Path(key)) : null;

    private static List<string>? Texts(MappingFields k, string key) => k.Strings(key)?.Select(s => s.Value).ToList();
}
