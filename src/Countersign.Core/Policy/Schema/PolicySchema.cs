using System.Text.Json;
using System.Text.Json.Nodes;

namespace Countersign.Core.Policy.Schema;

/// <summary>
/// The policy file's format as data (<see cref="Definitions"/> and <see cref="Root"/>), and its JSON Schema
/// (draft 2020-12) generated from it — written to docs/policy.schema.json for editors.
/// </summary>
public static class PolicySchema
{
    public const string Id = "https://countersign.dev/schemas/policy.schema.json";

    private static readonly StringType Glob = new("A glob: * stays within a path segment, ** crosses segments; a trailing / means the folder and everything in it");
    private static readonly ArrayType Globs = new("Globs", Glob);
    private static readonly ArrayType Strings = new("Names", new StringType("A name"));
    private static readonly RefType Range = new("A number range", "numberRange");
    private static readonly StringType Scope = new("Which components: touched, reached (depend on a touched one) or affected (both)", ["touched", "reached", "affected"]);

    public static IReadOnlyDictionary<string, ObjectType> Definitions { get; } = new Dictionary<string, ObjectType>(StringComparer.Ordinal)
    {
        ["numberRange"] = new("Bounds on a number; at_least/at_most inclusive, above/below exclusive",
        [
            new("at_least", new NumberType("Inclusive lower bound")), new("at_most", new NumberType("Inclusive upper bound")),
            new("above", new NumberType("Exclusive lower bound")), new("below", new NumberType("Exclusive upper bound")),
        ], MinProperties: 1),
        ["levelRange"] = new("Seniority levels from the org directory",
        [
            new("at_least", new StringType("This level or higher")), new("at_most", new StringType("This level or lower")),
            new("above", new StringType("Higher than this level")), new("below", new StringType("Lower than this level")),
            new("is", new ArrayType("Exactly one of these levels", new StringType("A level"))),
        ], MinProperties: 1),
        ["timeWindow"] = new("A span of time: an absolute interval and/or a weekly recurrence in a time zone",
        [
            new("start", new StringType("Start, ISO-8601 with offset", Format: "date-time")), new("end", new StringType("End (exclusive), ISO-8601 with offset", Format: "date-time")),
            new("days", new ArrayType("Days of the week", new StringType("Day", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))),
            new("from", new StringType("Daily start, HH:mm", Pattern: "^[0-2][0-9]:[0-5][0-9]$")), new("to", new StringType("Daily end, HH:mm (before from: wraps past midnight)", Pattern: "^[0-2][0-9]:[0-5][0-9]$")),
            new("timezone", new StringType("IANA time zone id (default UTC)")),
        ], MinProperties: 1),
        ["people"] = new("Facts about people taking part",
        [
            new("level", new RefType("Their level", "levelRange")), new("teams", new ArrayType("Member of one of these teams (sub-teams included)", new StringType("Team id"))),
            new("people", new ArrayType("One of these person ids", new StringType("Person id"))),
            new("match", new StringType("contributors only: any contributor or all of them must match (default any)", ["any", "all"])),
        ], MinProperties: 1),
        ["condition"] = new("A condition; several keys in one mapping must all hold",
        [
            new("all", new ArrayType("Every condition holds", new RefType("", "condition"))),
            new("any", new ArrayType("At least one condition holds", new RefType("", "condition"))),
            new("not", new RefType("The condition does not hold", "condition")),
            new("provenance", new ObjectType("The change's provenance",
            [
                new("status", new ArrayType("One of these statuses (the change's strongest commit)", new StringType("Status", ["ai", "ai-suggested", "human-declared", "unknown"]))),
                new("tools", new ArrayType("Some commit names one of these tools", new StringType("Tool id"))),
                new("ai_line_share", new RefType("Share of added lines written by AI, 0 to 1", "numberRange")),
            ], MinProperties: 1)),
            new("author", new RefType("The accountable author", "people")),
            new("contributors", new RefType("Author, co-authors and prompters", "people")),
            new("paths", new ObjectType("Changed files",
            [
                new("any", new ArrayType("Some changed file matches", Glob)), new("only", new ArrayType("Every changed file matches", Glob)),
                new("none", new ArrayType("No changed file matches", Glob)),
            ], MinProperties: 1)),
            new("components", new ObjectType("Catalog components", [new("names", new ArrayType("Component names or refs", new StringType("Name")), Required: true), new("scope", Scope)])),
            new("tier", new ObjectType("Tiers of components (1 is the most critical)",
            [
                new("at_least", new NumberType("Inclusive")), new("at_most", new NumberType("Inclusive")), new("above", new NumberType("Exclusive")),
                new("below", new NumberType("Exclusive")), new("scope", Scope),
            ], MinProperties: 1)),
            new("blast_radius", new ObjectType("Blast radius",
            [
                new("class", new ArrayType("One of these classes", new StringType("Class", ["contained", "service", "multi-service", "critical"]))),
                new("score", Range),
            ], MinProperties: 1)),
            new("risk", new ObjectType("Risk", [new("score", new RefType("Risk score, 0 to 100", "numberRange"), Required: true)])),
            new("size", new ObjectType("Size of the change",
            [
                new("lines", new RefType("Added plus deleted lines", "numberRange")), new("added", Range), new("deleted", Range),
                new("files", Range), new("commits", Range),
            ], MinProperties: 1)),
            new("labels", new ObjectType("Labels of the change", [new("any", Strings), new("all", Strings), new("none", Strings)], MinProperties: 1)),
            new("target_branch", new ArrayType("The branch the change goes into matches one of these globs", Glob)),
            new("source_branch", new ArrayType("The change's own branch matches one of these globs", Glob)),
            new("time", new RefType("Evaluation time is within the window", "timeWindow")),
        ], MinProperties: 1),
        ["approvers"] = new("Who may sign off: every given part must hold, or any_of a list of such sets",
        [
            new("level", new RefType("Level", "levelRange")),
            new("owners", new ArrayType("Owner of the affected components, of their consumers, or CODEOWNERS of the changed paths", new StringType("Source", ["affected", "consumers", "codeowners"]))),
            new("teams", new ArrayType("Member of one of these teams (sub-teams included)", new StringType("Team id"))),
            new("people", new ArrayType("One of these person ids", new StringType("Person id"))),
            new("any_of", new ArrayType("In any of these sets", new RefType("", "approvers"))),
        ]),
    };

    private static readonly ObjectType Requires = new("What an applying rule needs",
    [
        new("count", new NumberType("How many sign-offs (default 1)", Integer: true, Minimum: 1)),
        new("from", new RefType("Who may give them (default: anyone in the org directory)", "approvers")),
        new("distinct_teams", new BooleanType("Each sign-off must come from a different team (default false)")),
        new("invalidate_on", new StringType("When new content dismisses a sign-off (default any-change)", ["any-change", "rule-paths", "never"])),
        new("disapproval", new BooleanType("A rejection by an eligible person blocks (default true)")),
        new("allow_committers", new BooleanType("Committers of the change may sign off (default false)")),
    ]);

    public static ObjectType Rule { get; } = new("A rule",
    [
        new("name", new StringType("Unique name", Pattern: "^[a-z0-9][a-z0-9-]*$"), Required: true),
        new("description", new StringType("What the rule is for, shown in results")),
        new("mode", new StringType("enforce blocks; warn only reports (default enforce)", ["enforce", "warn"])),
        new("locked", new BooleanType("Files that extend this one may not replace or disable the rule")),
        new("if", new RefType("When the rule applies (default: always)", "condition")),
        new("requires", Requires),
    ]);

    public static ObjectType Freeze { get; } = new("A freeze window",
    [
        new("name", new StringType("Unique name"), Required: true),
        new("reason", new StringType("Why, shown in results")),
        new("window", new RefType("When", "timeWindow"), Required: true),
        new("branches", new ArrayType("Only changes into these branches (globs)", Glob)),
        new("services", new ArrayType("Only changes affecting these components", new StringType("Component"))),
        new("environments", new ArrayType("Only deploys to these environments", new StringType("Environment"))),
        new("except", new RefType("Changes for which this holds are let through", "condition")),
    ]);

    public static ObjectType BreakGlass { get; } = new("Emergency override",
    [
        new("allowed", new RefType("Who may break the glass", "approvers"), Required: true),
        new("min_reason_length", new NumberType("Minimum reason length (default 20)", Integer: true, Minimum: 1)),
        new("review_within", new StringType("Deadline for the review afterwards: 30m, 48h, 3d (default 48h)", Pattern: "^[0-9]+[mhd]$")),
    ]);

    public static ObjectType Root { get; } = new("A Countersign sign-off policy (.countersign/policy.yaml)",
    [
        new("version", new NumberType("Format version: 1", Integer: true, Minimum: 1, Maximum: 1), Required: true),
        new("extends", new ArrayType("Policies this one builds on, relative to this file", new StringType("Path"))),
        new("disable", new ArrayType("Rules from extended policies to leave out", new StringType("Rule name"))),
        new("protected_branches", new ArrayType("Branches the git hook enforces (default main, master)", Glob)),
        new("rules", new ArrayType("The rules, evaluated in order", Rule)),
        new("freezes", new ArrayType("Freeze windows", Freeze)),
        new("break_glass", BreakGlass),
    ]);

    /// <summary>The JSON Schema (draft 2020-12), indented, with a trailing newline.</summary>
    public static string Generate()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "Countersign policy",
        };
        foreach (var (key, value) in Emit(Root).AsObject().ToList())
        {
            schema[key] = value?.DeepClone();
        }

        var defs = new JsonObject();
        foreach (var (name, type) in Definitions)
        {
            defs[name] = Emit(type);
        }

        schema["$defs"] = defs;
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Emit(SchemaType type)
    {
        var node = new JsonObject();
        if (type.Description.Length > 0)
        {
            node["description"] = type.Description;
        }

        switch (type)
        {
            case ObjectType o:
                node["type"] = "object";
                var properties = new JsonObject();
                foreach (var p in o.Properties)
                {
                    properties[p.Key] = Emit(p.Type);
                }

                node["properties"] = properties;
                node["additionalProperties"] = false;
                if (o.Properties.Where(p => p.Required).Select(p => (JsonNode)p.Key).ToArray() is { Length: > 0 } required)
                {
                    node["required"] = new JsonArray(required);
                }

                if (o.MinProperties is { } min)
                {
                    node["minProperties"] = min;
                }

                break;
            case ArrayType a:
                node["type"] = "array";
                node["items"] = Emit(a.Items);
                break;
            case StringType s:
                node["type"] = "string";
                if (s.Allowed is { } allowed)
                {
                    node["enum"] = new JsonArray(allowed.Select(v => (JsonNode)v).ToArray());
                }

                if (s.Pattern is { } pattern)
                {
                    node["pattern"] = pattern;
                }

                if (s.Format is { } format)
                {
                    node["format"] = format;
                }

                break;
            case NumberType n:
                node["type"] = n.Integer ? "integer" : "number";
                if (n.Minimum is { } minimum)
                {
                    node["minimum"] = minimum;
                }

                if (n.Maximum is { } maximum)
                {
                    node["maximum"] = maximum;
                }

                break;
            case BooleanType:
                node["type"] = "boolean";
                break;
            case RefType r:
                node["$ref"] = $"#/$defs/{r.Name}";
                break;
        }

        return node;
    }
}
