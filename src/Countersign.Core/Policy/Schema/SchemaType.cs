namespace Countersign.Core.Policy.Schema;

/// <summary>
/// The shape of a value in the policy file. One tree of these describes the whole format: the compiler checks keys
/// against it and <see cref="PolicySchema.Generate"/> turns it into the JSON Schema, so the two cannot drift.
/// </summary>
public abstract record SchemaType(string Description);

/// <summary>A mapping with known keys; any other key is an error.</summary>
public sealed record ObjectType(string Description, IReadOnlyList<SchemaProperty> Properties, int? MinProperties = null, int? MaxProperties = null) : SchemaType(Description)
{
    public IEnumerable<string> Keys => Properties.Select(p => p.Key);
}

/// <summary>One key of an <see cref="ObjectType"/>.</summary>
public sealed record SchemaProperty(string Key, SchemaType Type, bool Required = false);

/// <summary>A list of items.</summary>
public sealed record ArrayType(string Description, SchemaType Items) : SchemaType(Description);

/// <summary>A string, optionally one of <see cref="Allowed"/> or matching <see cref="Pattern"/>.</summary>
public sealed record StringType(string Description, IReadOnlyList<string>? Allowed = null, string? Pattern = null, string? Format = null) : SchemaType(Description);

/// <summary>A number (or integer) with optional bounds.</summary>
public sealed record NumberType(string Description, bool Integer = false, double? Minimum = null, double? Maximum = null) : SchemaType(Description);

/// <summary>true or false.</summary>
public sealed record BooleanType(string Description) : SchemaType(Description);

/// <summary>A reference to a named definition (conditions and approver sets are recursive).</summary>
public sealed record RefType(string Description, string Name) : SchemaType(Description);
