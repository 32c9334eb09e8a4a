using Countersign.Core.Policy.Requirements;
using Countersign.Core.Policy.Schema;
using YamlDotNet.RepresentationModel;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Policy.Compilation;

/// <summary>Compiles a rule's <c>requires:</c> and approver sets (<c>from:</c>, <c>break_glass.allowed</c>).</summary>
internal sealed class RequirementCompiler(NodeReader reader, ValueCompiler values)
{
    private static readonly ObjectType Approvers = PolicySchema.Definitions["approvers"];

    /// <summary>A rule without <c>requires</c> needs one sign-off from anyone in the directory, with every default.</summary>
    public ApprovalRequirement? Compile(YamlNode? node, string field, SourceSpan ruleAt)
    {
        if (node is null)
        {
            var anyone = new ApproverFilter(null, null, null, null, ruleAt);
            return new ApprovalRequirement(Default<int>("count"), anyone, Default<bool>("distinct_teams"),
                PolicyVocabulary.Staleness[Default<string>("invalidate_on")], Default<bool>("disapproval"), Default<bool>("allow_committers"), ruleAt);
        }

        var before = reader.ErrorCount;
        if (reader.Mapping(node, PolicySchema.Requires, field) is not { } k)
        {
            return null;
        }

        var at = reader.Span(node);
        var count = k.Number("count");
        var from = k.Value("from") is { } f ? Set(f, k.Path("from")) : new ApproverFilter(null, null, null, null, at);
        var distinct = k.Bool("distinct_teams");
        if (distinct == true && count == 1)
        {
            reader.Warning(k.Value("distinct_teams")!, "distinct_teams has no effect with a count of 1", k.Path("distinct_teams"));
        }

        var staleness = k.Word("invalidate_on", PolicyVocabulary.Staleness);
        var disapproval = k.Bool("disapproval");
        var committers = k.Bool("allow_committers");
        return reader.ErrorCount != before || count is null || from is null || distinct is null || staleness is null || disapproval is null || committers is null
            ? null
            : new ApprovalRequirement((int)count, from, distinct.Value, staleness.Value, disapproval.Value, committers.Value, at);
    }

    /// <summary>An approver set: a filter whose every given part must hold, or <c>any_of</c> a list of sets.</summary>
    public ApproverSet? Set(YamlNode node, string field, int depth = 0)
    {
        if (depth > ConditionCompiler.MaxDepth)
        {
            reader.Error(node, $"approver sets are nested more than {ConditionCompiler.MaxDepth} deep (any_of); flatten them", field);
            return null;
        }

        var before = reader.ErrorCount;
        if (reader.Mapping(node, Approvers, field) is not { } k)
        {
            return null;
        }

        var at = reader.Span(node);
        if (k.Items("any_of") is { } options)
        {
            var sets = options.Select((o, i) => Set(o, $"{k.Path("any_of")}[{i}]", depth + 1)).ToList();
            return reader.ErrorCount != before || sets.Any(s => s is null) ? null : new ApproverUnion(sets!, at);
        }

        var level = k.Value("level") is { } levelNode ? values.Levels(levelNode, k.Path("level")) : null;
        var filter = new ApproverFilter(level, k.Words("owners", PolicyVocabulary.OwnerSources)?.Distinct().ToList(), values.TeamIds(k, "teams"), values.PersonIds(k, "people"), at);
        if (filter.Level is { MatchesUnknown: true } range)
        {
            // Harmless for approvers (a person without a known level never qualifies) but almost always a slip.
            reader.Warning(k.Value("level")!, $"approvers who are {range}: did you mean at_least?", k.Path("level"));
        }

        return reader.ErrorCount == before ? filter : null;
    }

    private static T Default<T>(string key) => (T)PolicySchema.Requires.Find(key)!.Default!;
}
