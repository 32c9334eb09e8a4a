namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// A text value: optionally one of <see cref="Allowed"/>, or matching <see cref="Pattern"/> (an ECMAScript-compatible
/// regular expression; <see cref="Hint"/> completes the error message "'value' …" when it does not match).
/// </summary>
internal sealed record StringType(string Description, IReadOnlyList<string>? Allowed = null, string? Pattern = null, string? Hint = null, string? Format = null)
    : SchemaType(Description);
