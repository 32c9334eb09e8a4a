using System.Globalization;
using Countersign.Core.BlastRadius;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Schema;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Signatures;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Compiles condition mappings (<c>if:</c>, <c>except:</c>) into <see cref="ICondition"/> trees, and the value types
/// they share with the rest of the policy: number and level ranges, globs, time windows, and org references.
/// </summary>
internal sealed class ConditionCompiler(NodeReader reader, OrgDirectory org)
{
    /// <summary>Deeper nesting is an error: a policy no one can read is a policy no one can review.</summary>
    public const int MaxDepth = 32;

    private static readonly ObjectType Condition = PolicySchema.Definitions["condition"];
    private static readonly Dictionary<string, ProvenanceStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["ai"] = ProvenanceStatus.Ai, ["ai-suggested"] = ProvenanceStatus.AiSuggested, ["human-declared"] = ProvenanceStatus.HumanDeclared, ["unknown"] = ProvenanceStatus.Unknown,
    };

    private static readonly Dictionary<string, BlastClass> Classes = new(StringComparer.Ordinal)
    {
        ["contained"] = BlastClass.Contained, ["service"] = BlastClass.Service, ["multi-service"] = BlastClass.MultiService, ["critical"] = BlastClass.Critical,
    };

    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    public ICondition? Compile(YamlNode node, string field, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            reader.Error(node, $"conditions are nested more than {MaxDepth} deep; flatten them with all/any", field);
            return null;
        }

        if (reader.Mapping(node, Condition, field) is not { } keys)
        {
            return null;
        }

        var parts = keys.Select(kv => CompileKey(kv.Key, kv.Value, NodeReader.Join(field, kv.Key), depth)).ToList();
        if (parts.Any(p => p is null) || parts.Count == 0)
        {
            return null;
        }

        return parts.Count == 1 ? parts[0] : new AllCondition(parts!, reader.Span(node));
    }

    private ICondition? CompileKey(string key, YamlNode value, string field, int depth)
    {
        var at = reader.Span(value);
        switch (key)
        {
            case "all":
            case "any":
                if (value is not YamlSequenceNode list)
                {
                    reader.Error(value, $"'{key}' takes a list of conditions, found {NodeReader.Describe(value)}", field);
                    return null;
                }

                var children = list.Children.Select((c, i) => Compile(c, $"{field}[{i}]", depth + 1)).ToList();
                return children.Any(c => c is null) ? null : key == "all" ? new AllCondition(children!, at) : new AnyCondition(children!, at);
            case "not":
                return Compile(value, field, depth + 1) is { } inner ? new NotCondition(inner, at) : null;
            case "provenance":
                return Provenance(value, field, at);
            case "author":
            case "contributors":
                return People(value, field, key == "author" ? PersonScope.Author : PersonScope.Contributors, at);
            case "paths":
                return Object(value, field, "paths", k => new PathsCondition(
                    k.TryGetValue("any", out var any) ? Globs(any, field + ".any") : null,
                    k.TryGetValue("only", out var only) ? Globs(only, field + ".only") : null,
                    k.TryGetValue("none", out var none) ? Globs(none, field + ".none") : null, at));
            case "components":
                return Object(value, field, "components", k => new ComponentsCondition(
                    k.TryGetValue("names", out var names) ? reader.Strings(names, field + ".names")?.Select(n => n.Value).ToList() ?? [] : [],
                    ComponentScopeOf(k, field), at));
            case "tier":
                return Object(value, field, "tier", k => new TierCondition(
                    new NumberRange(Num(k, "at_least", field), Num(k, "at_most", field), Num(k, "above", field), Num(k, "below", field)), ComponentScopeOf(k, field), at));
            case "blast_radius":
                return Object(value, field, "blast_radius", k => new BlastRadiusCondition(
                    k.TryGetValue("class", out var classes) ? reader.Strings(classes, field + ".class", [.. Classes.Keys])?.Select(c => Classes[c.Value]).ToList() : null,
                    k.TryGetValue("score", out var score) ? Range(score, field + ".score") : null, at));
            case "risk":
                return Object(value, field, "risk", k => k.TryGetValue("score", out var score) && Range(score, field + ".score") is { } range ? new RiskCondition(range, at) : null);
            case "size":
                return Object(value, field, "size", k => new SizeCondition(
                    RangeOf(k, "lines", field), RangeOf(k, "added", field), RangeOf(k, "deleted", field), RangeOf(k, "files", field), RangeOf(k, "commits", field), at));
            case "labels":
                return Object(value, field, "labels", k => new LabelsCondition(
                    k.TryGetValue("any", out var any) ? reader.Strings(any, field + ".any")?.Select(s => s.Value).ToList() : null,
                    k.TryGetValue("all", out var all) ? reader.Strings(all, field + ".all")?.Select(s => s.Value).ToList() : null,
                    k.TryGetValue("none", out var none) ? reader.Strings(none, field + ".none")?.Select(s => s.Value).ToList() : null, at));
            case "target_branch":
            case "source_branch":
                return Globs(value, field) is { } branches ? new BranchCondition(key == "target_branch", branches, at) : null;
            default:
                return Window(value, field) is { } window ? new TimeCondition(window, at) : null;
        }
    }

    /// <summary>Reads a condition's own mapping against its schema, then builds it when nothing was wrong.</summary>
    private ICondition? Object(YamlNode value, string field, string key, Func<Dictionary<string, YamlNode>, ICondition?> build)
    {
        var type = (ObjectType)Condition.Properties.First(p => p.Key == key).Type;
        var before = Errors;
        var keys = reader.Mapping(value, type, field);
        if (keys is null)
        {
            return null;
        }

        var built = build(keys);
        return Errors == before ? built : null;
    }

    private ICondition? Provenance(YamlNode value, string field, SourceSpan at) => Object(value, field, "provenance", k =>
    {
        var tools = k.TryGetValue("tools", out var t) ? reader.Strings(t, field + ".tools") : null;
        foreach (var (tool, node) in tools ?? [])
        {
            if (SignatureCatalog.Default.FindTool(tool) is null)
            {
                var known = SignatureCatalog.Default.Tools.Select(x => x.Id).ToList();
                reader.Warning(node, $"'{NodeReader.Bound(tool)}' is not a tool Countersign knows{Spelling.DidYouMean(tool, known)} (an in-house agent from .countersign/signatures.yaml is fine)", field + ".tools");
            }
        }

        return new ProvenanceCondition(
            k.TryGetValue("status", out var s) ? reader.Strings(s, field + ".status", [.. Statuses.Keys])?.Select(x => Statuses[x.Value]).ToList() : null,
            tools?.Select(x => x.Value).ToList(),
            k.TryGetValue("ai_line_share", out var share) ? Range(share, field + ".ai_line_share") : null, at);
    });

    private ICondition? People(YamlNode value, string field, PersonScope scope, SourceSpan at)
    {
        var before = Errors;
        if (reader.Mapping(value, PolicySchema.Definitions["people"], field) is not { } k)
        {
            return null;
        }

        if (scope == PersonScope.Author && k.TryGetValue("match", out var m))
        {
            reader.Error(m, "'match' only applies to contributors: there is one author", field + ".match");
        }

        var condition = new PeopleCondition(scope,
            k.TryGetValue("level", out var level) ? Levels(level, field + ".level") : null,
            k.TryGetValue("teams", out var teams) ? TeamIds(teams, field + ".teams") : null,
            k.TryGetValue("people", out var people) ? PersonIds(people, field + ".people") : null,
            k.TryGetValue("match", out var match) && reader.String(match, field + ".match", ["any", "all"]) == "all", at);
        return Errors == before ? condition : null;
    }

    private ComponentScope ComponentScopeOf(Dictionary<string, YamlNode> keys, string field) =>
        keys.TryGetValue("scope", out var node) ? reader.String(node, field + ".scope", ["touched", "reached", "affected"]) switch
        {
            "touched" => ComponentScope.Touched,
            "reached" => ComponentScope.Reached,
            _ => ComponentScope.Affected,
        } : ComponentScope.Affected;

    private double? Num(Dictionary<string, YamlNode> keys, string key, string field) =>
        keys.TryGetValue(key, out var node) ? reader.Number(node, NodeReader.Join(field, key)) : null;

    private NumberRange? RangeOf(Dictionary<string, YamlNode> keys, string key, string field) =>
        keys.TryGetValue(key, out var node) ? Range(node, NodeReader.Join(field, key)) : null;

    public NumberRange? Range(YamlNode node, string field)
    {
        if (reader.Mapping(node, PolicySchema.Definitions["numberRange"], field) is not { } k)
        {
            return null;
        }

        return new NumberRange(Num(k, "at_least", field), Num(k, "at_most", field), Num(k, "above", field), Num(k, "below", field));
    }

    public LevelRange? Levels(YamlNode node, string field)
    {
        if (reader.Mapping(node, PolicySchema.Definitions["levelRange"], field) is not { } k)
        {
            return null;
        }

        string? Level(string key)
        {
            if (!k.TryGetValue(key, out var value) || reader.String(value, NodeReader.Join(field, key)) is not { } name)
            {
                return null;
            }

            if (!org.IsKnownLevel(name))
            {
                reader.Error(value, $"'{NodeReader.Bound(name)}' is not a level of the organisation{Spelling.DidYouMean(name, org.Levels)}; levels: {string.Join(", ", org.Levels)}", NodeReader.Join(field, key));
            }

            return name;
        }

        var isList = k.TryGetValue("is", out var listNode) ? reader.Strings(listNode, field + ".is", org.Levels)?.Select(x => x.Value).ToList() : null;
        return new LevelRange(Level("at_least"), Level("at_most"), Level("above"), Level("below"), isList);
    }

    public List<string>? TeamIds(YamlNode node, string field) => Ids(node, field, "team", org.Teams.Select(t => t.Id).ToList());

    public List<string>? PersonIds(YamlNode node, string field) => Ids(node, field, "person", org.People.Select(p => p.Id).ToList());

    /// <summary>Ids must exist when the directory has any of that kind (an empty directory is a policy checked on its own).</summary>
    private List<string>? Ids(YamlNode node, string field, string kind, List<string> known)
    {
        var ids = reader.Strings(node, field);
        foreach (var (id, at) in ids ?? [])
        {
            if (known.Count > 0 && !known.Contains(id, StringComparer.Ordinal))
            {
                reader.Error(at, $"no {kind} '{NodeReader.Bound(id)}' in the org directory{Spelling.DidYouMean(id, known)}", field);
            }
        }

        return ids?.Select(x => x.Value).ToList();
    }

    public List<PolicyGlob>? Globs(YamlNode node, string field)
    {
        var values = reader.Strings(node, field);
        if (values is null)
        {
            return null;
        }

        var globs = new List<PolicyGlob>();
        foreach (var (pattern, at) in values)
        {
            var normalised = pattern.StartsWith('/') ? pattern[1..] : pattern;
            normalised = normalised.EndsWith('/') ? normalised + "**" : normalised;
            try
            {
                globs.Add(new PolicyGlob(normalised));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
            {
                reader.Error(at, $"'{NodeReader.Bound(pattern)}' is not a valid glob: {e.Message}", field);
            }
        }

        return globs;
    }

    public TimeWindow? Window(YamlNode node, string field)
    {
        var before = Errors;
        if (reader.Mapping(node, PolicySchema.Definitions["timeWindow"], field) is not { } k)
        {
            return null;
        }

        DateTimeOffset? Instant(string key)
        {
            if (!k.TryGetValue(key, out var value) || reader.String(value, NodeReader.Join(field, key)) is not { } text)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant;
            }

            reader.Error(value, $"'{NodeReader.Bound(text)}' is not a date and time (ISO-8601, e.g. 2026-12-21T00:00:00Z)", NodeReader.Join(field, key));
            return null;
        }

        TimeOnly? Clock(string key)
        {
            if (!k.TryGetValue(key, out var value) || reader.String(value, NodeReader.Join(field, key)) is not { } text)
            {
                return null;
            }

            if (text == "24:00")
            {
                return TimeOnly.MaxValue;
            }

            if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            reader.Error(value, $"'{NodeReader.Bound(text)}' is not a time of day (HH:mm)", NodeReader.Join(field, key));
            return null;
        }

        var zone = TimeZoneInfo.Utc;
        if (k.TryGetValue("timezone", out var zoneNode) && reader.String(zoneNode, field + ".timezone") is { } zoneId)
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                reader.Error(zoneNode, $"'{NodeReader.Bound(zoneId)}' is not a time zone (use an IANA id such as Europe/Berlin or America/New_York)", field + ".timezone");
            }
        }

        var days = k.TryGetValue("days", out var daysNode) ? reader.Strings(daysNode, field + ".days", [.. Days.Keys])?.Select(d => Days[d.Value]).ToList() : null;
        var window = new TimeWindow(Instant("start"), Instant("end"), days, Clock("from"), Clock("to"), zone);
        if (window is { Start: { } startsAt, End: { } endsAt } && endsAt <= startsAt)
        {
            reader.Error(node, "the window ends before it starts", field + ".end");
        }

        return Errors == before ? window : null;
    }

    private int Errors => reader.ErrorCount;
}
