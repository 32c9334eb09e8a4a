namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// The shape of a value in a YAML file. One tree of these (a <see cref="DocumentSchema"/>) describes a whole format:
/// the reader reads every value through it — keys, types, allowed values, bounds, patterns and defaults — and
/// <see cref="DocumentSchema.Generate"/> turns the same tree into the JSON Schema, so the two cannot drift.
/// </summary>
internal abstract record SchemaType(string Description);
