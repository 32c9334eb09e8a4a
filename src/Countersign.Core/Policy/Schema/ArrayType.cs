namespace Countersign.Core.Policy.Schema;

/// <summary>A list of items; <see cref="MinItems"/> = 1 where an empty list would silently match everything or nothing.</summary>
internal sealed record ArrayType(string Description, SchemaType Items, int MinItems = 0) : SchemaType(Description);
