namespace Countersign.Core.Yaml.Schema;

/// <summary>
/// The words a key accepts and the value each stands for, in documentation order. The schema publishes
/// <see cref="Names"/> as the key's <c>enum</c> and the compiler maps a word with the indexer: one table for both.
/// </summary>
internal sealed class Vocabulary<T>(params (string Name, T Value)[] entries)
{
    public IReadOnlyList<string> Names { get; } = [.. entries.Select(e => e.Name)];

    public T this[string name] => entries.First(e => e.Name == name).Value;
}
