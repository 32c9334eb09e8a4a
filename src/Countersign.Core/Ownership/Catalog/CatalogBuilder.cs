// Over 300 lines on purpose: naming entities, resolving references with each field's defaults and storing relations
// both ways are one pass over the documents that share its dictionaries; split, each part would pass them around.
using Countersign.Core.Diagnostics;

namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// Turns read documents into a <see cref="Catalog"/>: names each entity (first definition wins over duplicates),
/// resolves every reference with the defaults of its field, stores each relation in both directions, and reports
/// what does not resolve. Dangling targets become nodes without an entity so the relation is kept.
/// </summary>
internal sealed class CatalogBuilder(CatalogOptions options, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<EntityRef, int> ids = [];
    private readonly List<EntityRef> nodes = [];
    private readonly List<int> edgeFrom = [];
    private readonly List<CatalogEdge> edgeTo = [];

    public Catalog Build(List<RawEntity> raws)
    {
        var accepted = new List<RawEntity>(raws.Count);
        ids.EnsureCapacity(raws.Count);
        foreach (var raw in raws)
        {
            if (Identify(raw) is not { } entityRef)
            {
                continue;
            }

            if (ids.TryGetValue(entityRef, out var first))
            {
                var earlier = accepted[first];
                diagnostics.Add(Diagnostic.Error(raw.Source,
                    $"duplicate entity {entityRef}: already defined at {earlier.Source}:{earlier.Name!.Value.Line}; this definition is ignored",
                    raw.Name!.Value.Line, raw.Name.Value.Column, "metadata.name"));
                continue;
            }

            ids[entityRef] = accepted.Count;
            nodes.Add(entityRef);
            accepted.Add(raw);
        }

        var entities = new CatalogEntity[accepted.Count];
        var pathIndex = new PathPrefixIndex();
        var locationTargets = new List<CatalogLocationTarget>();
        for (var id = 0; id < accepted.Count; id++)
        {
            var raw = accepted[id];
            var (owner, system, domain) = AddRelations(id, raw, accepted.Count);
            var entity = ToEntity(raw, nodes[id], owner, system, domain);
            entities[id] = entity;
            if (entity.Kind == EntityKinds.Component)
            {
                foreach (var entry in entity.SourcePaths)
                {
                    pathIndex.Add(entry, id);
                }
            }

            if (entity.Kind == EntityKinds.Location && raw.Targets is not null)
            {
                locationTargets.AddRange(raw.Targets.Select(t => LocationTarget(entity, raw, t)));
            }
        }

        var (edgeStart, edges) = Compress();
        return new Catalog(entities, [.. nodes], ids, edgeStart, edges, pathIndex, locationTargets);
    }

    private EntityRef? Identify(RawEntity raw)
    {
        if (raw.Kind is not { } kind)
        {
            diagnostics.Add(Diagnostic.Error(raw.Source, "entity has no 'kind'; it is ignored", raw.Line, raw.Column, "kind"));
            return null;
        }

        if (raw.Name is not { } name)
        {
            diagnostics.Add(Diagnostic.Error(raw.Source, $"{kind.Value} has no 'metadata.name'; it is ignored", raw.Line, raw.Column, "metadata.name"));
            return null;
        }

        var ns = raw.Namespace?.Value ?? EntityRef.DefaultNamespace;
        if (!EntityRef.TryParse($"{kind.Value}:{ns}/{name.Value}", null, ns, out var entityRef, out var error))
        {
            diagnostics.Add(Diagnostic.Error(raw.Source, $"invalid entity name: {error}; it is ignored", name.Line, name.Column, "metadata.name"));
            return null;
        }

        if (!EntityKinds.IsKnown(entityRef.Kind))
        {
            diagnostics.Add(Diagnostic.Warning(raw.Source,
                $"unknown kind '{kind.Value}' (expected {string.Join(", ", EntityKinds.All)}): {entityRef} is kept for references but not interpreted",
                kind.Line, kind.Column, "kind"));
        }

        if (!raw.HasApiVersion)
        {
            diagnostics.Add(Diagnostic.Warning(raw.Source, $"{entityRef} has no 'apiVersion' (expected backstage.io/v1alpha1)", raw.Line, raw.Column, "apiVersion"));
        }

        return entityRef;
    }

    private (EntityRef? Owner, EntityRef? System, EntityRef? Domain) AddRelations(int id, RawEntity raw, int entityCount)
    {
        EntityRef? owner = null, system = null, domain = null;
        var self = nodes[id];
        foreach (var reference in raw.Refs)
        {
            if (Resolve(reference, self, raw.Source) is not { } target)
            {
                continue;
            }

            var targetId = Node(target);
            var field = reference.Field;
            edgeFrom.Add(id);
            edgeTo.Add(new CatalogEdge(field.Type, targetId));
            edgeFrom.Add(targetId);
            edgeTo.Add(new CatalogEdge(field.Type.Inverse(), id));

            var text = reference.Text;
            var isOwner = field.Type == RelationType.OwnedBy;
            if (targetId >= entityCount)
            {
                var message = isOwner ? $"owner {target} is not in the catalog" : $"{field.Key} target {target} is not in the catalog";
                diagnostics.Add(Diagnostic.Warning(raw.Source, message, text.Line, text.Column, reference.FieldPath));
            }
            else if (isOwner && target.Kind is not (EntityKinds.Group or EntityKinds.User))
            {
                diagnostics.Add(Diagnostic.Warning(raw.Source, $"owner {target} is a {target.Kind}; owners are groups or users", text.Line, text.Column, reference.FieldPath));
            }

            switch (field.Key)
            {
                case "owner":
                    owner = target;
                    break;
                case "system":
                    system = target;
                    break;
                case "domain":
                    domain = target;
                    break;
            }
        }

        return (owner, system, domain);
    }

    private EntityRef? Resolve(RawRef reference, EntityRef self, string source)
    {
        var field = reference.Field;
        var text = reference.Text;
        var defaultKind = field.KindRequired ? null : field.DefaultKind;
        if (!EntityRef.TryParse(text.Value, defaultKind, self.Namespace, out var target, out var error))
        {
            if (!field.KindRequired || !EntityRef.TryParse(text.Value, field.DefaultKind, self.Namespace, out target, out _))
            {
                diagnostics.Add(Diagnostic.Error(source, $"invalid entity reference: {error}", text.Line, text.Column, reference.FieldPath));
                return null;
            }

            diagnostics.Add(Diagnostic.Warning(source, $"'{text.Value}' has no kind; Backstage requires one in {field.Key}; read as {target}",
                text.Line, text.Column, reference.FieldPath));
        }

        // A bare owner name is a group in Backstage; when only a user of that name exists, the user is meant.
        if (field.Type == RelationType.OwnedBy && !text.Value.Contains(':', StringComparison.Ordinal) && !ids.ContainsKey(target)
            && new EntityRef(EntityKinds.User, target.Namespace, target.Name) is var user && ids.ContainsKey(user))
        {
            return user;
        }

        return target;
    }

    private int Node(EntityRef entityRef)
    {
        if (!ids.TryGetValue(entityRef, out var id))
        {
            ids[entityRef] = id = nodes.Count;
            nodes.Add(entityRef);
        }

        return id;
    }

    private CatalogEntity ToEntity(RawEntity raw, EntityRef entityRef, EntityRef? owner, EntityRef? system, EntityRef? domain)
    {
        var annotations = raw.Annotations?.ToDictionary(a => a.Key, a => a.Value.Value, StringComparer.Ordinal) ?? [];
        var labels = raw.Labels?.ToDictionary(a => a.Key, a => a.Value.Value, StringComparer.Ordinal) ?? [];
        return new CatalogEntity(entityRef, raw.Title, raw.Description, raw.Type, raw.Lifecycle, owner, system, domain,
            Tier(raw), SourcePathsOf(raw), raw.DisplayName, raw.Email, annotations, labels, raw.Tags ?? [],
            new CatalogPosition(raw.Source, raw.Line, raw.Column));
    }

    private int? Tier(RawEntity raw)
    {
        foreach (var (map, keys, field) in new[] { (raw.Annotations, options.TierAnnotations, "annotations"), (raw.Labels, options.TierLabels, "labels") })
        {
            foreach (var key in keys)
            {
                if (map is not null && map.TryGetValue(key, out var value))
                {
                    if (TierParser.Normalize(value.Value) is { } tier)
                    {
                        return tier;
                    }

                    diagnostics.Add(Diagnostic.Warning(raw.Source,
                        $"unrecognised tier '{value.Value}' (expected 1-4, tier-1 to tier-4, critical, high, medium or low)",
                        value.Line, value.Column, $"metadata.{field}.{key}"));
                }
            }
        }

        return null;
    }

    private IReadOnlyList<string> SourcePathsOf(RawEntity raw)
    {
        if (raw.Annotations is not { } annotations)
        {
            return [];
        }

        if (annotations.TryGetValue(options.SourcePathsAnnotation, out var list))
        {
            return SourcePaths.ParseList(list.Value);
        }

        if (!annotations.TryGetValue(options.SourceLocationAnnotation, out var location))
        {
            return [];
        }

        if (SourcePaths.FromSourceLocation(location.Value, options.Repository) is { } prefix)
        {
            return [prefix];
        }

        if (location.Value.StartsWith("url:", StringComparison.OrdinalIgnoreCase) && SourcePaths.FromSourceLocation(location.Value, null) is null)
        {
            diagnostics.Add(Diagnostic.Warning(raw.Source, $"cannot read a repository path from source location '{location.Value}'",
                location.Line, location.Column, $"metadata.annotations.{options.SourceLocationAnnotation}"));
        }

        return [];
    }

    private static CatalogLocationTarget LocationTarget(CatalogEntity location, RawEntity raw, RawScalar target) =>
        new(location.Ref, target.Value, TargetType(raw, target), LocationTargetPath(raw, target), new CatalogPosition(raw.Source, target.Line, target.Column));

    /// <summary>The path of a file target relative to its Location's source; null for URLs and other types.</summary>
    internal static string? LocationTargetPath(RawEntity raw, RawScalar target) =>
        TargetType(raw, target) == "file" && !target.Value.Contains("://", StringComparison.Ordinal)
            ? CatalogPaths.ResolveRelative(raw.Source, target.Value)
            : null;

    private static string TargetType(RawEntity raw, RawScalar target) =>
        raw.Type ?? (target.Value.Contains("://", StringComparison.Ordinal) ? "url" : "file");

    /// <summary>Sorts the edge list into per-node runs ordered by type and target, dropping relations declared from both ends.</summary>
    private (int[] Start, CatalogEdge[] Edges) Compress()
    {
        var counts = new int[nodes.Count + 1];
        foreach (var from in edgeFrom)
        {
            counts[from + 1]++;
        }

        for (var i = 1; i < counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }

        var sorted = new CatalogEdge[edgeTo.Count];
        var next = (int[])counts.Clone();
        for (var i = 0; i < edgeFrom.Count; i++)
        {
            sorted[next[edgeFrom[i]]++] = edgeTo[i];
        }

        var start = new int[nodes.Count + 1];
        var write = 0;
        for (var node = 0; node < nodes.Count; node++)
        {
            start[node] = write;
            var run = sorted.AsSpan(counts[node], counts[node + 1] - counts[node]);
            run.Sort();
            for (var i = 0; i < run.Length; i++)
            {
                if (i == 0 || run[i] != run[i - 1])
                {
                    sorted[write++] = run[i];
                }
            }
        }

        start[nodes.Count] = write;
        return (start, sorted.AsSpan(0, write).ToArray());
    }
}
