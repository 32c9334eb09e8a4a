namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// A number (or a whole number) with optional inclusive bounds. A whole number is at most <see cref="int.MaxValue"/>
/// unless a lower maximum is given: every whole-number field becomes an <see cref="int"/>, and a larger value must be
/// an error naming the field, never silently wrapped or clamped.
/// </summary>
internal sealed record NumberType(string Description, bool Integer = false, double? Minimum = null, double? Maximum = null) : SchemaType(Description)
{
    public double? Maximum { get; init; } = Maximum ?? (Integer ? int.MaxValue : null);
}
