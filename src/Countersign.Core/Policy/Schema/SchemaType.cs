namespace Countersign.Core.Policy.Schema;

/// <summary>
/// The shape of a value in the policy file. One tree of these (<see cref="PolicySchema"/>) describes the whole format:
/// the compiler reads every value through it — keys, types, allowed values, bounds, patterns and defaults — and
/// <see cref="PolicySchema.Generate"/> turns the same tree into the JSON Schema, so the two cannot drift.
/// </summary>
internal abstract record SchemaType(string Description);
