namespace Countersign.Core.BlastRadius;

/// <summary>
/// Components, the source paths each owns, and who depends on whom — the graph blast radius walks. Filled from
/// the Backstage catalog (or anything else); cycles are allowed. Path lookup is a longest-prefix match by path
/// segment, O(path depth), so a graph of 100,000 components answers as fast as one of ten.
/// </summary>
public sealed class ServiceGraph
{
    private readonly Dictionary<string, ComponentFacts> components = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> ownersByPrefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Dependent, string Via)>> dependents = new(StringComparer.OrdinalIgnoreCase);

    public int ComponentCount => components.Count;

    public void AddComponent(ComponentFacts facts, IEnumerable<string> pathPrefixes)
    {
        components[facts.Ref] = facts;
        foreach (var prefix in pathPrefixes)
        {
            var key = NormalizePrefix(prefix);
            if (!ownersByPrefix.TryGetValue(key, out var list))
            {
                ownersByPrefix[key] = list = [];
            }

            if (!list.Contains(facts.Ref, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(facts.Ref);
            }
        }
    }

    /// <summary>Records that <paramref name="dependent"/> depends on <paramref name="dependency"/>; <paramref name="via"/> says how (e.g. <c>dependsOn</c>, <c>consumes api:default/orders</c>).</summary>
    public void AddDependency(string dependent, string dependency, string via)
    {
        if (string.Equals(dependent, dependency, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!dependents.TryGetValue(dependency, out var list))
        {
            dependents[dependency] = list = [];
        }

        if (!list.Exists(d => string.Equals(d.Dependent, dependent, StringComparison.OrdinalIgnoreCase)))
        {
            list.Add((dependent, via));
        }
    }

    public ComponentFacts? Find(string entityRef) => components.GetValueOrDefault(entityRef);

    public IReadOnlyList<(string Dependent, string Via)> DependentsOf(string entityRef) =>
        dependents.TryGetValue(entityRef, out var list) ? list : [];

    /// <summary>The components owning the longest registered prefix of <paramref name="path"/> (a file path from the repository root).</summary>
    public IReadOnlyList<string> ComponentsForPath(string path)
    {
        var normalized = path.TrimStart('/');
        for (var slash = normalized.LastIndexOf('/'); slash >= 0; slash = slash == 0 ? -1 : normalized.LastIndexOf('/', slash - 1))
        {
            if (ownersByPrefix.TryGetValue(normalized[..(slash + 1)], out var owners))
            {
                return owners;
            }
        }

        return ownersByPrefix.TryGetValue("", out var root) ? root : [];
    }

    private static string NormalizePrefix(string prefix)
    {
        var p = prefix.Trim().TrimStart('.', '/').Replace('\\', '/');
        if (p.EndsWith("/**", StringComparison.Ordinal))
        {
            p = p[..^2];
        }

        // A prefix names a folder; the empty prefix (the whole repository) stays empty.
        return p.Length == 0 || p.EndsWith('/') ? p : p + "/";
    }
}
