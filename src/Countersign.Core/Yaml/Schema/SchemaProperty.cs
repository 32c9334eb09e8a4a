namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// One key of an <see cref="ObjectType"/>: its type, whether it must be given, the value used when it is left out
/// (<see cref="Default"/>, also published in the JSON Schema), and whether an empty value (<c>key:</c> with nothing
/// after it) counts as leaving it out (<see cref="Nullable"/>; otherwise it is an error).
/// </summary>
internal sealed record SchemaProperty(string Key, SchemaType Type, bool Required = false, object? Default = null, bool Nullable = false);
