namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// One YAML file format as data: its root mapping and the named definitions <see cref="RefType"/>s point at. The
/// file's reader reads every key and value through it (<see cref="NodeReader"/>) and <see cref="Generate"/> turns the
/// same tree into the JSON Schema editors check the file against, so the two cannot drift.
/// </summary>
internal sealed class DocumentSchema
{
    private readonly IReadOnlyList<KeyValuePair<string, ObjectType>> definitions;
    private readonly Dictionary<string, ObjectType> byName;

    public DocumentSchema(string id, string title, ObjectType root, IEnumerable<KeyValuePair<string, ObjectType>> definitions)
    {
        Id = id;
        Title = title;
        Root = root;
        this.definitions = [.. definitions];
        byName = new Dictionary<string, ObjectType>(this.definitions, StringComparer.Ordinal);
    }

    /// <summary>The schema's <c>$id</c>: what a file names in its <c># yaml-language-server: $schema=</c> line.</summary>
    public string Id { get; }

    public string Title { get; }

    public ObjectType Root { get; }

    /// <summary>The definition a <see cref="RefType"/> names, or the type itself.</summary>
    public SchemaType Resolve(SchemaType type) => type switch
    {
        RefType r when byName.TryGetValue(r.Name, out var found) => found,
        RefType r => throw new InvalidOperationException($"the {Title} schema has no definition '{r.Name}'"),
        _ => type,
    };

    /// <summary>The JSON Schema (draft 2020-12), indented, with a trailing newline.</summary>
    public string Generate() => JsonSchemaWriter.Write(Id, Title, Root, definitions);
}
