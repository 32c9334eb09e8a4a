namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// A list of items; <see cref="MinItems"/> = 1 where an empty list would silently match everything or nothing.
/// <see cref="OrSingle"/>: one item may be written without the brackets (<c>emails: dana@acme.example</c>).
/// </summary>
internal sealed record ArrayType(string Description, SchemaType Items, int MinItems = 0) : SchemaType(Description)
{
    public bool OrSingle { get; init; }
}
