namespace Countersign.Core.Policy.Schema;

/// <summary>A number (or a whole number) with optional inclusive bounds.</summary>
internal sealed record NumberType(string Description, bool Integer = false, double? Minimum = null, double? Maximum = null) : SchemaType(Description);
