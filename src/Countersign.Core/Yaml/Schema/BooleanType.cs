namespace Countersign.Core.Yaml.Schema;

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed record BooleanType(string Description) : SchemaType(Description);
