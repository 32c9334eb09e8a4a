namespace Countersign.Core.Yaml.Schema;

/// <summary>A reference to a named definition of its <see cref="DocumentSchema"/> (the policy's conditions and approver sets are recursive).</summary>
internal sealed record RefType(string Description, string Name) : SchemaType(Description);
