using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Policy.Schema;

/// <summary>
/// The policy file's format as data, and its JSON Schema (draft 2020-12) generated from it — committed as
/// docs/policy.schema.json for editors. The compiler validates every key and value through the same data, so the
/// schema an editor checks against is exactly what <c>countersign policy validate</c> accepts, bar the checks that
/// need more than the file: level, team and person names against the org directory, globs, time zones, dates.
/// </summary>
public static class PolicySchema
{
    public const string Id = "https://countersign.dev/schemas/policy.schema.json";

    /// <summary>Rule and freeze names: what results, fixtures, <c>disable</c> and audit records refer to.</summary>
    internal static readonly StringType Name = new("Lower-case letters, digits and dashes", Pattern: "^[a-z0-9][a-z0-9-]*$",
        Hint: "must be lower-case letters, digits and dashes, starting with a letter or digit (e.g. ai-below-senior)");

    private static readonly StringType Glob = new(
        "A glob: * stays within a path segment, ** crosses segments, a trailing / means the folder and everything in it");

    private static readonly StringType StartOfDay = new("Time of day, HH:mm", Pattern: "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
        Hint: "is not a time of day a window can start at: write HH:mm, e.g. \"16:00\" (\"24:00\" can only end a window)");

    private static readonly StringType EndOfDay = new("Time of day, HH:mm (24:00 is the end of the day)", Pattern: "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        Hint: "is not a time of day: write HH:mm, e.g. \"16:00\" (\"24:00\" is the end of the day)");

    private static readonly StringType Instant = new("A date and time with an offset (RFC 3339)", Format: "date-time",
        Pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$",
        Hint: "is not a date and time with an offset: write e.g. 2026-12-19T00:00:00Z or 2026-12-19T09:00:00+01:00");

    private static readonly StringType Duration = new("A whole number and a unit: m(inutes), h(ours) or d(ays)", Pattern: "^[1-9][0-9]{0,5}[mhd]$",
        Hint: "is not a duration: write a whole number and a unit, e.g. 30m, 48h or 3d");

    private static ArrayType Names(string description, StringType item) => new(description, item, MinItems: 1);

    private static ArrayType Words<T>(string description, Vocabulary<T> vocabulary) => new(description, new StringType("One of the words", vocabulary.Names), MinItems: 1);

    private static StringType Word<T>(string description, Vocabulary<T> vocabulary) => new(description, vocabulary.Names);

    private static ObjectType Range(string description, NumberType bound) => new(description,
    [
        new("at_least", bound with { Description = "Inclusive lower bound" }), new("at_most", bound with { Description = "Inclusive upper bound" }),
        new("above", bound with { Description = "Exclusive lower bound" }), new("below", bound with { Description = "Exclusive upper bound" }),
    ]) { NotEmpty = true };

    private static readonly SchemaProperty[] PersonFacts =
    [
        new("level", new RefType("Their level", "levelRange")),
        new("teams", Names("Member of one of these teams (sub-teams included)", new StringType("Team id from the org directory"))),
        new("people", Names("One of these people", new StringType("Person id from the org directory"))),
    ];

    private static readonly StringType Scope = Word("Which components: touched, reached (depend on a touched one, at any depth) or affected (both)", PolicyVocabulary.Scopes);

    internal static IReadOnlyDictionary<string, ObjectType> Definitions { get; } = new Dictionary<string, ObjectType>(StringComparer.Ordinal)
    {
        ["countRange"] = Range("Bounds on a count; at_least/at_most inclusive, above/below exclusive", new NumberType("", Minimum: 0)),
        ["scoreRange"] = Range("Bounds on the blast-radius score", new NumberType("", Minimum: 0)),
        ["riskRange"] = Range("Bounds on the risk score, 0 to 100", new NumberType("", Minimum: 0, Maximum: 100)),
        ["shareRange"] = Range("Bounds on a share, 0 to 1 (0.8 = 80%)", new NumberType("", Minimum: 0, Maximum: 1)),
        ["levelRange"] = new("Seniority levels of the org directory, lowest first; at_least/at_most inclusive, above/below exclusive",
        [
            new("at_least", new StringType("This level or higher")), new("at_most", new StringType("This level or lower")),
            new("above", new StringType("Higher than this level")), new("below", new StringType("Lower than this level")),
            new("is", Names("Exactly one of these levels", new StringType("A level"))),
        ]) { NotEmpty = true },
        ["timeWindow"] = new("A span of time: an absolute interval and/or a weekly recurrence; every part given must hold",
        [
            new("start", Instant with { Description = "Start (inclusive)" }), new("end", Instant with { Description = "End (exclusive)" }),
            new("days", Words("Days of the week", PolicyVocabulary.Days)),
            new("from", StartOfDay with { Description = "Daily start, HH:mm" }), new("to", EndOfDay with { Description = "Daily end (exclusive), HH:mm or 24:00; before from, the window wraps past midnight" }),
            new("timezone", new StringType("IANA time zone of days, from and to"), Default: "UTC"),
        ]) { AtLeastOneOf = ["start", "end", "days", "from", "to"] },
        ["person"] = new("Facts about a person taking part; every given part must hold", PersonFacts) { AtLeastOneOf = ["level", "teams", "people"] },
        ["contributors"] = new("Facts about the contributors (author, co-authors, prompters)",
            [.. PersonFacts, new("match", Word("Whether any contributor or all of them must match", PolicyVocabulary.Match), Default: "any")])
        { AtLeastOneOf = ["level", "teams", "people"] },
        ["condition"] = new("A condition; several keys in one mapping must all hold",
        [
            new("all", new ArrayType("Every condition holds (an empty list holds)", new RefType("", "condition"))),
            new("any", new ArrayType("At least one condition holds (an empty list never does)", new RefType("", "condition"))),
            new("not", new RefType("The condition does not hold", "condition")),
            new("provenance", new ObjectType("The change's provenance; every given part must hold",
            [
                new("status", Words("The change's status (its strongest commit's) is one of these", PolicyVocabulary.Statuses)),
                new("tools", Names("Some commit names one of these tools", new StringType("Tool id (tool-signatures.yaml)"))),
                new("ai_line_share", new RefType("Share of added lines written by AI, 0 to 1", "shareRange")),
            ]) { NotEmpty = true }),
            new("author", new RefType("The accountable author", "person")),
            new("contributors", new RefType("Any (or all) of the author, co-authors and prompters", "contributors")),
            new("paths", new ObjectType("The changed files; every given part must hold",
            [
                new("any", Names("Some changed file matches one of these", Glob)),
                new("only", Names("Every changed file matches one of these", Glob)),
                new("none", Names("No changed file matches any of these", Glob)),
            ]) { NotEmpty = true }),
            new("components", new ObjectType("Catalog components in scope",
            [
                new("names", Names("Component names or catalog refs", new StringType("Name or ref")), Required: true),
                new("scope", Scope, Default: "affected"),
            ])),
            new("tier", new ObjectType("Some component in scope has a tier in the range (tier 1 is the most critical)",
            [
                new("at_least", new NumberType("Inclusive", Integer: true, Minimum: 1)), new("at_most", new NumberType("Inclusive", Integer: true, Minimum: 1)),
                new("above", new NumberType("Exclusive", Integer: true, Minimum: 0)), new("below", new NumberType("Exclusive", Integer: true, Minimum: 1)),
                new("scope", Scope, Default: "affected"),
            ]) { AtLeastOneOf = ["at_least", "at_most", "above", "below"] }),
            new("blast_radius", new ObjectType("The change's blast radius; every given part must hold",
            [
                new("class", Words("The class is one of these", PolicyVocabulary.BlastClasses)),
                new("score", new RefType("The score is in the range", "scoreRange")),
            ]) { NotEmpty = true }),
            new("risk", new ObjectType("The change's risk", [new("score", new RefType("Risk score, 0 to 100", "riskRange"), Required: true)])),
            new("size", new ObjectType("The size of the change; every given measure must be in its range",
            [
                new("lines", new RefType("Added plus deleted lines", "countRange")), new("added", new RefType("Added lines", "countRange")),
                new("deleted", new RefType("Deleted lines", "countRange")), new("files", new RefType("Changed files", "countRange")),
                new("commits", new RefType("Commits, merges excepted", "countRange")),
            ]) { NotEmpty = true }),
            new("labels", new ObjectType("The change's labels (case-insensitive); every given part must hold",
            [
                new("any", Names("Has one of these", new StringType("Label"))), new("all", Names("Has all of these", new StringType("Label"))),
                new("none", Names("Has none of these", new StringType("Label"))),
            ]) { NotEmpty = true }),
            new("target_branch", Names("The branch the change goes into matches one of these globs", Glob)),
            new("source_branch", Names("The change's own branch matches one of these globs", Glob)),
            new("time", new RefType("The evaluation time is within the window", "timeWindow")),
        ]) { NotEmpty = true },
        ["approvers"] = new("Who may sign off: a person for whom every given part holds (an empty mapping: anyone), or any_of a list of such sets",
        [
            new("level", new RefType("Their level", "levelRange")),
            new("owners", Words("Owner of a touched component (affected), of a component depending on one (consumers), or a CODEOWNERS owner of a changed path", PolicyVocabulary.OwnerSources)),
            PersonFacts[1], PersonFacts[2],
            new("any_of", new ArrayType("In any of these sets", new RefType("", "approvers"), MinItems: 1)),
        ]) { StandsAlone = ["any_of"] },
    };

    internal static ObjectType Requires { get; } = new("What an applying rule needs",
    [
        new("count", new NumberType("How many distinct people must sign off", Integer: true, Minimum: 1), Default: 1),
        new("from", new RefType("Who may sign off (left out: anyone in the org directory)", "approvers")),
        new("distinct_teams", new BooleanType("The sign-offs must come from count different teams"), Default: false),
        new("invalidate_on", Word("When new content dismisses a sign-off (a pure rebase never does)", PolicyVocabulary.Staleness), Default: "any-change"),
        new("disapproval", new BooleanType("A rejection by a person eligible to sign off blocks the rule"), Default: true),
        new("allow_committers", new BooleanType("Committers of the change may sign off (authors, co-authors and prompters never may)"), Default: false),
    ]);

    internal static ObjectType Rule { get; } = new("A rule: when its condition holds, the change needs its sign-offs",
    [
        new("name", Name with { Description = "Unique name: lower-case letters, digits and dashes" }, Required: true),
        new("description", new StringType("What the rule is for, shown in results")),
        new("mode", Word("enforce blocks the change; warn only reports", PolicyVocabulary.Modes), Default: "enforce"),
        new("locked", new BooleanType("In a shared policy: files that extend it may neither replace nor disable this rule"), Default: false),
        new("if", new RefType("When the rule applies (left out: always)", "condition"), Nullable: true),
        new("requires", Requires, Nullable: true),
    ]);

    internal static ObjectType Freeze { get; } = new("A freeze: changes must not land or ship during the window unless except holds",
    [
        new("name", Name with { Description = "Unique name: lower-case letters, digits and dashes" }, Required: true),
        new("reason", new StringType("Why, shown in results")),
        new("window", new RefType("When", "timeWindow"), Required: true),
        new("branches", Names("Only changes into these branches (globs)", Glob)),
        new("services", Names("Only changes that touch or reach these components", new StringType("Component name or ref"))),
        new("environments", Names("Only deploys to these environments", new StringType("Environment"))),
        new("except", new RefType("Changes for which this condition holds are let through", "condition")),
    ]);

    internal static ObjectType BreakGlass { get; } = new("The emergency override: who may let a change through, with what reason, reviewed by when",
    [
        new("allowed", new RefType("Who may break the glass", "approvers"), Required: true),
        new("min_reason_length", new NumberType("Minimum length of the reason, in characters", Integer: true, Minimum: 1), Default: 20),
        new("review_within", Duration with { Description = "Deadline for the review afterwards: 30m, 48h, 3d" }, Default: "48h"),
    ]);

    internal static ObjectType Root { get; } = new("A Countersign sign-off policy (.countersign/policy.yaml)",
    [
        new("version", new NumberType("Format version", Integer: true, Minimum: 1, Maximum: 1), Required: true),
        new("extends", new ArrayType("Policies this one builds on, relative to this file", new StringType("Path")), Nullable: true),
        new("disable", new ArrayType("Inherited rules to leave out (not locked ones)", new StringType("Rule name")), Nullable: true),
        new("protected_branches", new ArrayType("Branches whose pushes the git hook evaluates (globs)", Glob), Default: new[] { "main", "master" }),
        new("rules", new ArrayType("The rules, all evaluated, in order", new RefType("", "rule")), Nullable: true),
        new("freezes", new ArrayType("Freeze windows", new RefType("", "freeze")), Nullable: true),
        new("break_glass", BreakGlass),
    ]);

    /// <summary>Named types besides <see cref="Definitions"/> that the JSON Schema lists under <c>$defs</c>.</summary>
    internal static IReadOnlyDictionary<string, ObjectType> Documents { get; } = new Dictionary<string, ObjectType>(StringComparer.Ordinal)
    {
        ["rule"] = Rule, ["freeze"] = Freeze,
    };

    /// <summary>The policy format: the compiler reads through it, and it generates docs/policy.schema.json.</summary>
    internal static DocumentSchema Document { get; } = new(Id, "Countersign policy", Root, Definitions.Concat(Documents));

    /// <summary>The JSON Schema (draft 2020-12), indented, with a trailing newline.</summary>
    public static string Generate() => Document.Generate();

    /// <summary>The definition a <see cref="RefType"/> names, or the type itself.</summary>
    internal static SchemaType Resolve(SchemaType type) => Document.Resolve(type);
}
