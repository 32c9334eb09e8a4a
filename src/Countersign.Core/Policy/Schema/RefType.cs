namespace Countersign.Core.Policy.Schema;

/// <summary>A reference to a named definition in <see cref="PolicySchema.Definitions"/> (conditions and approver sets are recursive).</summary>
internal sealed record RefType(string Description, string Name) : SchemaType(Description);
