namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// A mapping with known keys; any other key is an error. <see cref="NotEmpty"/>: at least one key must be given;
/// <see cref="AtLeastOneOf"/>: at least one of these keys must be given (the others only qualify them, like a
/// component <c>scope</c>); <see cref="StandsAlone"/>: keys that cannot be combined with any other key.
/// </summary>
internal sealed record ObjectType(string Description, IReadOnlyList<SchemaProperty> Properties) : SchemaType(Description)
{
    public bool NotEmpty { get; init; }

    public IReadOnlyList<string>? AtLeastOneOf { get; init; }

    public IReadOnlyList<string> StandsAlone { get; init; } = [];

    public IEnumerable<string> Keys => Properties.Select(p => p.Key);

    public SchemaProperty? Find(string key) => Properties.FirstOrDefault(p => p.Key == key);
}
