using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Organisation;

/// <summary>
/// The org directory's YAML format (<c>.countersign/org.yaml</c>) as data: <see cref="OrgDirectoryReader"/> reads
/// every key through it and it generates docs/org.schema.json for editors. What a schema cannot check — levels, teams,
/// parents and managers that exist, e-mail syntax, handles claimed twice, regular expressions — the reader does.
/// </summary>
internal static class OrgSchema
{
    public const string Id = "https://countersign.dev/schemas/org.schema.json";

    private static readonly StringType Word = new("One word: no spaces", Pattern: "^\\S+$", Hint: "must not contain spaces (an id is one word, e.g. dana)");

    private static ArrayType OneOrMore(string description, StringType item) => new(description, item) { OrSingle = true };

    internal static ObjectType Team { get; } = new("A team",
    [
        new("id", Word with { Description = "Unique team id, used by people's teams and by policies" }, Required: true, Nullable: true),
        new("name", new StringType("Display name (defaults to the id)"), Nullable: true),
        new("parent", new StringType("Id of the team this one belongs to (its members count as the parent's in policies)"), Nullable: true),
    ]);

    internal static ObjectType Person { get; } = new("A person",
    [
        new("id", Word with { Description = "Unique person id, used by managers, policies and sign-offs" }, Required: true, Nullable: true),
        new("name", new StringType("Display name (defaults to the id)"), Nullable: true),
        new("emails", OneOrMore("Their commit e-mail addresses (compared case-insensitively)", new StringType("E-mail address")), Nullable: true),
        new("github", new StringType("GitHub login (a leading @ is dropped)"), Nullable: true),
        new("gitlab", new StringType("GitLab username (a leading @ is dropped)"), Nullable: true),
        new("level", new StringType("Seniority: one of levels"), Nullable: true),
        new("teams", OneOrMore("Ids of the teams they belong to", new StringType("Team id")), Nullable: true),
        new("manager", new StringType("Person id of their manager"), Nullable: true),
    ]);

    internal static ObjectType Bot { get; } = new("Automation whose commits are nobody's authorship; every given part must match",
    [
        new("email", new StringType("Commit e-mail address"), Nullable: true),
        new("github", new StringType("GitHub login, e.g. dependabot[bot]"), Nullable: true),
        new("gitlab", new StringType("GitLab username"), Nullable: true),
        new("name-pattern", new StringType("Regular expression on the author name (.NET syntax, non-backtracking)"), Nullable: true),
    ]) { AtLeastOneOf = ["email", "github", "gitlab", "name-pattern"] };

    internal static ObjectType Root { get; } = new("A Countersign org directory (.countersign/org.yaml): levels, teams, people and bots",
    [
        new("levels", OneOrMore("Seniority levels, lowest first (default: intern, junior, mid, senior, staff, principal)", new StringType("A level")) with { MinItems = 1 }),
        new("teams", new ArrayType("The teams", new RefType("", "team")), Nullable: true),
        new("people", new ArrayType("The people", new RefType("", "person")), Nullable: true),
        new("bots", new ArrayType("Automation: accounts that are not people", new RefType("", "bot")), Nullable: true),
    ]);

    internal static DocumentSchema Document { get; } = new(Id, "Countersign org directory", Root,
        new Dictionary<string, ObjectType>(StringComparer.Ordinal) { ["team"] = Team, ["person"] = Person, ["bot"] = Bot });

    /// <summary>The JSON Schema (draft 2020-12), indented, with a trailing newline.</summary>
    public static string Generate() => Document.Generate();
}
