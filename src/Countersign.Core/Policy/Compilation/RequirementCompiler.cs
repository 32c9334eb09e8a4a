using Countersign.Core.Policy.Requirements;
using Countersign.Core.Policy.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>Compiles a rule's <c>requires:</c> and approver sets (<c>from:</c>, <c>break_glass.allowed</c>).</summary>
internal sealed class RequirementCompiler(NodeReader reader, ConditionCompiler conditions)
{
    private static readonly ObjectType Requires = (ObjectType)PolicySchema.Rule.Properties.First(p => p.Key == "requires").Type;

    private static readonly Dictionary<string, OwnerSource> Sources = new(StringComparer.Ordinal)
    {
        ["affected"] = OwnerSource.Affected, ["consumers"] = OwnerSource.Consumers, ["codeowners"] = OwnerSource.Codeowners,
    };

    /// <summary>A missing <c>requires</c> means one sign-off from anyone in the directory.</summary>
    public ApprovalRequirement? Compile(YamlNode? node, string field, SourceSpan ruleAt)
    {
        if (node is null || NodeReader.IsNull(node))
        {
            return new ApprovalRequirement(1, new ApproverFilter(null, null, null, null, ruleAt), false, StalenessMode.AnyChange, true, false, ruleAt);
        }

        var before = reader.ErrorCount;
        if (reader.Mapping(node, Requires, field) is not { } k)
        {
            return null;
        }

        var count = k.TryGetValue("count", out var c) ? reader.Number(c, field + ".count", 1, 1000, integer: true) : 1;
        var from = k.TryGetValue("from", out var f) ? Approvers(f, field + ".from") : new ApproverFilter(null, null, null, null, reader.Span(node));
        var distinct = k.TryGetValue("distinct_teams", out var dt) && reader.Bool(dt, field + ".distinct_teams") == true;
        var staleness = k.TryGetValue("invalidate_on", out var inv) ? reader.String(inv, field + ".invalidate_on", ["any-change", "rule-paths", "never"]) switch
        {
            "rule-paths" => StalenessMode.RulePaths,
            "never" => StalenessMode.Never,
            _ => StalenessMode.AnyChange,
        } : StalenessMode.AnyChange;
        var disapproval = !k.TryGetValue("disapproval", out var dis) || reader.Bool(dis, field + ".disapproval") != false;
        var committers = k.TryGetValue("allow_committers", out var ac) && reader.Bool(ac, field + ".allow_committers") == true;
        return count is null || from is null || reader.ErrorCount != before
            ? null
            : new ApprovalRequirement((int)count, from, distinct, staleness, disapproval, committers, reader.Span(node));
    }

    public ApproverSet? Approvers(YamlNode node, string field, int depth = 0)
    {
        var before = reader.ErrorCount;
        if (depth > ConditionCompiler.MaxDepth || reader.Mapping(node, PolicySchema.Definitions["approvers"], field) is not { } k)
        {
            return null;
        }

        if (k.TryGetValue("any_of", out var anyOf))
        {
            if (k.Count > 1)
            {
                reader.Error(node, "any_of stands alone: put the other keys inside one of its options", field);
                return null;
            }

            if (anyOf is not YamlSequenceNode options || options.Children.Count == 0)
            {
                reader.Error(anyOf, "any_of takes a non-empty list of approver sets", field + ".any_of");
                return null;
            }

            var sets = options.Children.Select((o, i) => Approvers(o, $"{field}.any_of[{i}]", depth + 1)).ToList();
            return sets.Any(s => s is null) ? null : new ApproverUnion(sets!, reader.Span(node));
        }

        var filter = new ApproverFilter(
            k.TryGetValue("level", out var level) ? conditions.Levels(level, field + ".level") : null,
            k.TryGetValue("owners", out var owners) ? reader.Strings(owners, field + ".owners", [.. Sources.Keys])?.Select(o => Sources[o.Value]).Distinct().ToList() : null,
            k.TryGetValue("teams", out var teams) ? conditions.TeamIds(teams, field + ".teams") : null,
            k.TryGetValue("people", out var people) ? conditions.PersonIds(people, field + ".people") : null,
            reader.Span(node));
        if (filter.Level is { } range && range.MatchesUnknown)
        {
            // Harmless for approvers (an unknown level never qualifies) but almost always a mistake.
            reader.Warning(level!, $"approvers '{range}': did you mean at_least?", field + ".level");
        }

        return reader.ErrorCount == before ? filter : null;
    }
}
