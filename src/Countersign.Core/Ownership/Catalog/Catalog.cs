using Countersign.Core.BlastRadius;

namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// The software catalog as a graph: entities, every relation in both directions, and the repository paths components
/// own. Built once by <see cref="CatalogReader"/>, then read-only and safe to share between threads. Relation targets
/// that are not in the catalog (dangling) still appear in relations, so nothing declared is lost; they have no entity.
/// </summary>
public sealed class Catalog
{
    private readonly CatalogEntity[] entities;
    private readonly EntityRef[] nodes;
    private readonly Dictionary<EntityRef, int> ids;
    private readonly int[] edgeStart;
    private readonly CatalogEdge[] edges;
    private readonly PathPrefixIndex paths;

    /// <remarks>
    /// Entities are node ids 0..n-1; <c>nodes</c> continues with dangling targets. Adjacency is compressed: node i's
    /// edges are <c>edges[edgeStart[i]..edgeStart[i+1]]</c>, sorted by type then target.
    /// </remarks>
    internal Catalog(CatalogEntity[] entities, EntityRef[] nodes, Dictionary<EntityRef, int> ids, int[] edgeStart, CatalogEdge[] edges,
        PathPrefixIndex paths, IReadOnlyList<CatalogLocationTarget> locationTargets)
    {
        this.entities = entities;
        this.nodes = nodes;
        this.ids = ids;
        this.edgeStart = edgeStart;
        this.edges = edges;
        this.paths = paths;
        LocationTargets = locationTargets;
        Components = Array.FindAll(entities, e => e.Kind == EntityKinds.Component);
        Groups = [.. entities.Where(e => e.Kind == EntityKinds.Group).Select(ToGroup)];
        Users = [.. entities.Where(e => e.Kind == EntityKinds.User).Select(ToUser)];
    }

    public static Catalog Empty { get; } = new([], [], [], [0], [], new PathPrefixIndex(), []);

    /// <summary>Every entity, in the order read (files in the order given, documents in file order).</summary>
    public IReadOnlyList<CatalogEntity> Entities => entities;

    public IReadOnlyList<CatalogEntity> Components { get; }

    public IReadOnlyList<CatalogGroup> Groups { get; }

    public IReadOnlyList<CatalogUser> Users { get; }

    /// <summary>The targets of every <c>kind: Location</c> entity, for the caller to load (see <see cref="CatalogReader.ReadFollowingLocations"/>).</summary>
    public IReadOnlyList<CatalogLocationTarget> LocationTargets { get; }

    /// <summary>Distinct relations stored, each declared relation counting twice (once per direction).</summary>
    public int RelationCount => edges.Length;

    public CatalogEntity? Find(EntityRef entityRef) =>
        ids.TryGetValue(entityRef, out var id) && id < entities.Length ? entities[id] : null;

    /// <summary>Finds by text such as <c>checkout</c>, <c>api:orders</c> or <c>group:payments/team</c>; null when absent or malformed.</summary>
    public CatalogEntity? Find(string entityRef, string defaultKind = EntityKinds.Component) =>
        EntityRef.TryParse(entityRef, defaultKind, EntityRef.DefaultNamespace, out var parsed, out _) ? Find(parsed) : null;

    /// <summary>Every relation leaving <paramref name="entityRef"/>, inverses included (a provider has <c>providesApi</c>, its API <c>apiProvidedBy</c>).</summary>
    public IReadOnlyList<CatalogRelation> Relations(EntityRef entityRef) =>
        ids.TryGetValue(entityRef, out var id)
            ? [.. Edges(id).ToArray().Select(e => new CatalogRelation(nodes[id], e.Type, nodes[e.Target]))]
            : [];

    /// <summary>The targets of one relation type from <paramref name="entityRef"/>, e.g. <c>Related(group, HasMember)</c>.</summary>
    public IReadOnlyList<EntityRef> Related(EntityRef entityRef, RelationType type)
    {
        if (!ids.TryGetValue(entityRef, out var id))
        {
            return [];
        }

        var result = new List<EntityRef>();
        foreach (var edge in Edges(id))
        {
            if (edge.Type == type)
            {
                result.Add(nodes[edge.Target]);
            }
        }

        return result;
    }

    /// <summary>
    /// What <paramref name="entityRef"/> depends on directly: its <c>dependsOn</c> targets (and whatever names it in
    /// <c>dependencyOf</c>), and for each API it consumes, the components providing that API (<see cref="CatalogDependency.Api"/>
    /// says which API). An API with no provider in the catalog contributes nothing; a consumed entity that is not an API
    /// (Backstage allows <c>consumesApis: [component:x]</c>) is a dependency itself.
    /// </summary>
    public IReadOnlyList<CatalogDependency> Dependencies(EntityRef entityRef) =>
        ids.TryGetValue(entityRef, out var id) ? Walk(id, RelationType.DependsOn, RelationType.ConsumesApi, RelationType.ApiProvidedBy) : [];

    /// <summary>Who depends on <paramref name="entityRef"/> directly: the reverse of <see cref="Dependencies"/>. Cycles are fine: nothing here recurses.</summary>
    public IReadOnlyList<CatalogDependency> Dependents(EntityRef entityRef) =>
        ids.TryGetValue(entityRef, out var id) ? Walk(id, RelationType.DependencyOf, RelationType.ProvidesApi, RelationType.ApiConsumedBy) : [];

    /// <summary>Everything that depends on <paramref name="entityRef"/> directly or through others, nearest first; each entity once, whatever the cycles.</summary>
    public IReadOnlyList<EntityRef> TransitiveDependents(EntityRef entityRef)
    {
        if (!ids.TryGetValue(entityRef, out var start))
        {
            return [];
        }

        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        var result = new List<EntityRef>();
        while (queue.TryDequeue(out var id))
        {
            foreach (var dependent in Walk(id, RelationType.DependencyOf, RelationType.ProvidesApi, RelationType.ApiConsumedBy))
            {
                var next = ids[dependent.Entity];
                if (seen.Add(next))
                {
                    result.Add(dependent.Entity);
                    queue.Enqueue(next);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The components owning <paramref name="repoPath"/> (a file path from the repository root): those whose source path
    /// is the longest matching prefix, by whole path segments. Several when components share that prefix; empty when none.
    /// </summary>
    public IReadOnlyList<CatalogEntity> ComponentsForPath(string repoPath) => [.. paths.Find(repoPath).Select(id => entities[id])];

    /// <summary>The components and resources with their tiers, owners, plain path prefixes and dependencies, for blast radius.</summary>
    public ServiceGraph ToServiceGraph()
    {
        var graph = new ServiceGraph();
        foreach (var entity in entities.Where(e => e.Kind is EntityKinds.Component or EntityKinds.Resource))
        {
            var facts = new ComponentFacts(entity.Ref.ToString(), entity.Title ?? entity.Name, entity.Tier, entity.Owner?.ToString());
            graph.AddComponent(facts, entity.SourcePaths.Where(p => !SourcePaths.IsGlob(p)));
            foreach (var dependency in Dependencies(entity.Ref))
            {
                graph.AddDependency(entity.Ref.ToString(), dependency.Entity.ToString(), dependency.Via);
            }
        }

        return graph;
    }

    private ReadOnlySpan<CatalogEdge> Edges(int id) => edges.AsSpan(edgeStart[id], edgeStart[id + 1] - edgeStart[id]);

    /// <summary>Direct edges of type <paramref name="direct"/>, plus hops <paramref name="toApi"/> then <paramref name="fromApi"/> through APIs.</summary>
    private List<CatalogDependency> Walk(int id, RelationType direct, RelationType toApi, RelationType fromApi)
    {
        var result = new List<CatalogDependency>();
        var seen = new HashSet<CatalogDependency>();
        var self = nodes[id];
        foreach (var edge in Edges(id))
        {
            if (edge.Target == id)
            {
                continue;
            }

            if (edge.Type == direct)
            {
                Add(result, seen, new CatalogDependency(nodes[edge.Target], null));
            }
            else if (edge.Type == toApi && nodes[edge.Target].Kind != EntityKinds.Api)
            {
                Add(result, seen, new CatalogDependency(nodes[edge.Target], null));
            }
            else if (edge.Type == toApi)
            {
                var api = nodes[edge.Target];
                foreach (var hop in Edges(edge.Target))
                {
                    if (hop.Type == fromApi && hop.Target != id)
                    {
                        Add(result, seen, new CatalogDependency(nodes[hop.Target], api));
                    }
                }
            }
            else if (edge.Type == fromApi && toApi == RelationType.ProvidesApi && self.Kind != EntityKinds.Api)
            {
                // Consumed directly as if it were an API: component:x in someone's consumesApis.
                Add(result, seen, new CatalogDependency(nodes[edge.Target], null));
            }
        }

        return result;
    }

    private static void Add(List<CatalogDependency> result, HashSet<CatalogDependency> seen, CatalogDependency dependency)
    {
        if (seen.Add(dependency))
        {
            result.Add(dependency);
        }
    }

    private CatalogGroup ToGroup(CatalogEntity group)
    {
        var parents = Related(group.Ref, RelationType.ChildOf);
        return new CatalogGroup(group.Ref, group.Type, group.DisplayName ?? group.Title, group.Email, parents.Count > 0 ? parents[0] : null,
            Related(group.Ref, RelationType.ParentOf), [.. Related(group.Ref, RelationType.HasMember).Where(m => m.Kind == EntityKinds.User)]);
    }

    private CatalogUser ToUser(CatalogEntity user) =>
        new(user.Ref, user.DisplayName ?? user.Title, user.Email, Related(user.Ref, RelationType.MemberOf));
}
