using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// The tool-signature YAML format (the shipped <c>tool-signatures.yaml</c> and an organisation's
/// <c>.countersign/signatures.yaml</c>) as data: <see cref="SignatureCatalogReader"/> reads every key through it and it
/// generates docs/tool-signatures.schema.json for editors. Which marker keys go with which <c>kind</c>, and the
/// regular expressions, are checked by the reader (<see cref="MarkerKeys"/>).
/// </summary>
internal static class SignatureSchema
{
    public const string Id = "https://countersign.dev/schemas/tool-signatures.schema.json";

    public const double DefaultConfidence = 0.9;

    private static readonly NumberType Confidence = new("How sure this evidence is, 0 to 1 (default 0.9; below 0.5 it is shown but never decides)", Minimum: 0, Maximum: 1);

    private static readonly StringType Regex = new("A regular expression (.NET syntax, non-backtracking: no look-arounds or back-references; case-insensitive)");

    private static readonly StringType ToolIdText = new("Tool id: lower-case letters, digits and '-'", Pattern: "^[a-z0-9][a-z0-9-]*$",
        Hint: "must be lower-case letters, digits and '-' (e.g. acme-agent)");

    private static ArrayType Texts(string description, string item) => new(description, new StringType(item)) { OrSingle = true };

    /// <summary>The keys that describe an identity ("Name &lt;email&gt;"); every given one must match.</summary>
    public static readonly string[] IdentityKeys = ["email", "github-login", "name", "name-prefix", "name-suffix", "email-pattern"];

    private static readonly SchemaProperty[] IdentityProperties =
    [
        new("email", new StringType("The whole e-mail address (case-insensitive)")),
        new("github-login", new StringType("GitHub login, matched only in GitHub's no-reply addresses")),
        new("name", new StringType("The whole name (case-insensitive)")),
        new("name-prefix", new StringType("The name starts with this (case-insensitive)")),
        new("name-suffix", new StringType("The name ends with this (case-insensitive)")),
        new("email-pattern", Regex with { Description = "A regular expression on the e-mail address" }),
    ];

    private static readonly string[] CommonMarkerKeys = ["kind", "status", "confidence", "note"];

    /// <summary>The marker keys each kind takes.</summary>
    public static IReadOnlyList<string> MarkerKeys(MarkerKind kind) => kind switch
    {
        MarkerKind.Identity or MarkerKind.Author or MarkerKind.Committer or MarkerKind.CoAuthor => [.. CommonMarkerKeys, .. IdentityKeys],
        MarkerKind.Trailer => [.. CommonMarkerKeys, "key", "value", "value-prefix", "pattern", .. IdentityKeys],
        MarkerKind.Footer => [.. CommonMarkerKeys, "text", "pattern"],
        MarkerKind.SessionUrl => [.. CommonMarkerKeys, "pattern"],
        _ => [.. CommonMarkerKeys, "prefix", "pattern"],
    };

    public static Vocabulary<MarkerKind> Kinds { get; } = new(
        ("identity", MarkerKind.Identity), ("author", MarkerKind.Author), ("committer", MarkerKind.Committer),
        ("co-author", MarkerKind.CoAuthor), ("trailer", MarkerKind.Trailer), ("footer", MarkerKind.Footer),
        ("subject", MarkerKind.Subject), ("branch", MarkerKind.Branch), ("session-url", MarkerKind.SessionUrl));

    public static Vocabulary<ProvenanceStatus> Statuses { get; } = new(
        ("ai", ProvenanceStatus.Ai), ("ai-suggested", ProvenanceStatus.AiSuggested), ("unknown", ProvenanceStatus.Unknown));

    internal static ObjectType Marker { get; } = new("One way the tool marks a commit; the keys besides kind, status, confidence and note depend on the kind",
    [
        new("kind", new StringType("Where the mark is", Kinds.Names), Required: true),
        new("status", new StringType("What the mark says: ai, ai-suggested (an accepted AI reviewer suggestion) or unknown (shown, no verdict)", Statuses.Names), Default: "ai"),
        new("confidence", Confidence, Default: DefaultConfidence),
        new("note", new StringType("Why this marker exists (not read)")),
        .. IdentityProperties,
        new("key", new StringType("trailer: the trailer key (case-insensitive)")),
        new("value", new StringType("trailer: the whole value")),
        new("value-prefix", new StringType("trailer: the value starts with this")),
        new("pattern", Regex with { Description = "trailer: on the value; footer: on the trimmed line; subject: on the first line; branch: on the name; session-url: on the URL (anchor it with ^)" }),
        new("text", new StringType("footer: the whole line (case-insensitive)")),
        new("prefix", new StringType("subject, branch: starts with this (case-sensitive)")),
    ]);

    internal static ObjectType Tool { get; } = new("An AI coding tool and the marks it leaves",
    [
        new("id", ToolIdText, Required: true),
        new("name", new StringType("Display name (defaults to the id)")),
        new("aliases", Texts("Words naming the tool in naming trailers; a trailing * matches a prefix of a word", "Alias")),
        new("markers", new ArrayType("The marks", new RefType("", "marker"))),
    ]);

    internal static ObjectType Identity { get; } = new("An identity; every given part must match", IdentityProperties) { NotEmpty = true };

    internal static ObjectType NamingTrailer { get; } = new("A trailer whose value names the assisting tool (Assisted-by: AGENT:MODEL)",
    [
        new("key", new StringType("The trailer key (case-insensitive)"), Required: true),
        new("confidence", Confidence, Default: DefaultConfidence),
        new("affirmative", Texts("Values that say \"an AI helped\" without naming it (gives other-ai)", "Value")),
    ]);

    internal static ObjectType Root { get; } = new("Countersign tool signatures: how AI coding tools mark the commits they write. Every section is optional.",
    [
        new("version", new NumberType("Format version", Integer: true, Minimum: 1, Maximum: 1)),
        new("identity-trailers", Texts("Trailer keys whose value is an identity \"Name <email>\"", "Trailer key")),
        new("naming-trailers", new ArrayType("Trailers whose value names the tool", new RefType("", "namingTrailer"))),
        new("session-trailers", new ObjectType("Trailers <tool>-<suffix> (Claude-Session, Cursor-Thread-Id) that carry a session id",
        [
            new("confidence", Confidence, Default: DefaultConfidence),
            new("suffixes", Texts("Key suffixes: letters, digits and '-' (compared lower-case)", "Suffix")),
        ])),
        new("tools", new ArrayType("The tools", new RefType("", "tool"))),
        new("automation", new ArrayType("Identities of automation that is not AI authorship (dependabot, renovate, CI)", new RefType("", "identity"))),
        new("declarations", new ObjectType("How a person declares a commit their own work",
        [
            new("confidence", Confidence, Default: DefaultConfidence),
            new("trailers", new ArrayType("Declaration trailers", new ObjectType("A trailer key and the values that declare",
            [
                new("key", new StringType("The trailer key (case-insensitive)"), Required: true),
                new("values", Texts("The values that declare", "Value") with { MinItems = 1 }, Required: true),
            ]))),
            new("sentences", Texts("Whole sentences that declare", "Sentence")),
        ])),
        new("disclosures", new ObjectType("How a pull or merge request discloses AI assistance: labels, and checked checkboxes of its description",
        [
            new("confidence", Confidence, Default: DefaultConfidence),
            new("labels", Texts("Labels (whole, case-insensitive) that disclose AI assistance; a label equal to a tool's id does too", "Label")),
            new("phrases", Texts("Phrases (case-insensitive, whole words) that disclose AI assistance in a checked checkbox", "Phrase")),
        ])),
    ]);

    internal static DocumentSchema Document { get; } = new(Id, "Countersign tool signatures", Root,
        new Dictionary<string, ObjectType>(StringComparer.Ordinal)
        {
            ["tool"] = Tool, ["marker"] = Marker, ["identity"] = Identity, ["namingTrailer"] = NamingTrailer,
        });

    /// <summary>The JSON Schema (draft 2020-12), indented, with a trailing newline.</summary>
    public static string Generate() => Document.Generate();
}
