using System.Globalization;
using Countersign.Core.History;
using DotNet.Globbing;

namespace Countersign.Core.BlastRadius;

/// <summary>
/// Computes the blast radius of a change over a <see cref="ServiceGraph"/>. Compile once per options (globs are
/// parsed here), then call <see cref="Compute"/> for each change.
/// </summary>
/// <remarks>
/// Score = Σ touched components' tier weights + Σ reached components' tier weight × decay^depth (shortest depth,
/// breadth-first, up to <see cref="BlastRadiusOptions.MaxDepth"/>; cycles end because each component is counted
/// once) + the weight of each special scope hit. Class: critical when a tier-1 component is touched, organisation-
/// wide configuration is changed, or the score reaches the critical threshold; multi-service when two or more
/// components are involved, a widening scope is hit, or the score reaches the multi-service threshold; service for
/// one component; contained otherwise.
/// </remarks>
public sealed class BlastRadiusCalculator
{
    /// <summary>Reached components explained one per line; beyond this they are summed in one line.</summary>
    public const int MaxExplainedReach = 25;

    private readonly BlastRadiusOptions options;
    private readonly List<(SpecialScope Scope, Glob[] Globs)> scopes;

    public BlastRadiusCalculator(BlastRadiusOptions? options = null)
    {
        this.options = options ?? BlastRadiusOptions.Default;
        var globOptions = new GlobOptions { Evaluation = { CaseInsensitive = false } };
        scopes = this.options.Scopes.Select(s => (s, s.Patterns.Select(p => Glob.Parse(p, globOptions)).ToArray())).ToList();
    }

    /// <param name="files">The change's files with line counts.</param>
    /// <param name="graph">Components, their paths and dependencies.</param>
    /// <param name="ownersOfPath">CODEOWNERS owners of a path, when CODEOWNERS exists (adds owners of unmapped paths).</param>
    public BlastRadiusResult Compute(IReadOnlyList<FileChange> files, ServiceGraph graph, Func<string, IReadOnlyList<string>>? ownersOfPath = null)
    {
        var touchedFiles = new Dictionary<string, List<FileChange>>(StringComparer.OrdinalIgnoreCase);
        var unmapped = new List<string>();
        var owners = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var components = graph.ComponentsForPath(file.Path);
            if (components.Count == 0)
            {
                unmapped.Add(file.Path);
            }

            foreach (var component in components)
            {
                if (!touchedFiles.TryGetValue(component, out var list))
                {
                    touchedFiles[component] = list = [];
                }

                list.Add(file);
            }

            foreach (var owner in ownersOfPath?.Invoke(file.Path) ?? [])
            {
                owners.Add(owner);
            }
        }

        var touched = touchedFiles
            .Select(kv =>
            {
                var facts = graph.Find(kv.Key) ?? new ComponentFacts(kv.Key, kv.Key, null, null);
                return new TouchedComponent(facts.Ref, facts.Name, facts.Tier, facts.Owner, kv.Value.Select(f => f.Path).ToList(),
                    kv.Value.Sum(f => f.Added ?? 0), kv.Value.Sum(f => f.Deleted ?? 0), options.WeightOfTier(facts.Tier));
            })
            .OrderBy(t => t.Tier ?? int.MaxValue).ThenBy(t => t.Ref, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var reached = Reach(graph, touched.Select(t => t.Ref));
        var scopeHits = Scopes(files);
        foreach (var c in touched.Select(t => t.Owner).Concat(reached.Select(r => r.Owner)).OfType<string>())
        {
            owners.Add(c);
        }

        var score = Math.Round(touched.Sum(t => t.Contribution) + reached.Sum(r => r.Contribution) + scopeHits.Sum(s => s.Contribution), 2);
        var tiers = touched.Select(t => t.Tier).Concat(reached.Select(r => r.Tier)).OfType<int>().Distinct().Order().ToList();
        var (cls, why) = Classify(touched, reached, scopeHits, score);
        var explanation = Explain(touched, reached, scopeHits, unmapped, score, cls, why);
        return new BlastRadiusResult(touched, reached, scopeHits, unmapped, owners.ToList(), tiers, score, cls, explanation);
    }

    private List<ReachedComponent> Reach(ServiceGraph graph, IEnumerable<string> starts)
    {
        var seen = new HashSet<string>(starts, StringComparer.OrdinalIgnoreCase);
        var frontier = seen.Select(s => (Ref: s, Path: (IReadOnlyList<string>)[s], Via: (IReadOnlyList<string>)[])).ToList();
        var reached = new List<ReachedComponent>();
        for (var depth = 1; depth <= options.MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<(string Ref, IReadOnlyList<string> Path, IReadOnlyList<string> Via)>();
            foreach (var (current, path, via) in frontier)
            {
                foreach (var (dependent, how) in graph.DependentsOf(current))
                {
                    if (!seen.Add(dependent))
                    {
                        continue;
                    }

                    var facts = graph.Find(dependent) ?? new ComponentFacts(dependent, dependent, null, null);
                    IReadOnlyList<string> newPath = [dependent, .. path];
                    IReadOnlyList<string> newVia = [how, .. via];
                    reached.Add(new ReachedComponent(facts.Ref, facts.Name, facts.Tier, facts.Owner, depth, newPath, newVia,
                        Math.Round(options.WeightOfTier(facts.Tier) * Math.Pow(options.DepthDecay, depth), 4)));
                    next.Add((dependent, newPath, newVia));
                }
            }

            frontier = next;
        }

        return reached.OrderBy(r => r.Depth).ThenBy(r => r.Tier ?? int.MaxValue).ThenBy(r => r.Ref, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private List<ScopeHit> Scopes(IReadOnlyList<FileChange> files)
    {
        var hits = new List<ScopeHit>();
        foreach (var (scope, globs) in scopes)
        {
            var matched = files.Where(f => globs.Any(g => g.IsMatch(f.Path))).Select(f => f.Path).ToList();
            if (matched.Count > 0)
            {
                hits.Add(new ScopeHit(scope.Kind, matched, scope.Weight));
            }
        }

        return hits;
    }

    private (BlastClass Class, string Why) Classify(List<TouchedComponent> touched, List<ReachedComponent> reached, List<ScopeHit> scopeHits, double score)
    {
        if (touched.FirstOrDefault(t => t.Tier == 1) is { } tier1)
        {
            return (BlastClass.Critical, $"touches tier-1 {tier1.Name}");
        }

        if (scopeHits.Any(s => s.Kind == SpecialScopeKind.OrgConfig))
        {
            return (BlastClass.Critical, "changes organisation-wide configuration");
        }

        if (score >= options.CriticalScore)
        {
            return (BlastClass.Critical, $"score {Num(score)} ≥ {Num(options.CriticalScore)}");
        }

        var components = touched.Count + reached.Count;
        if (components >= 2)
        {
            return (BlastClass.MultiService, $"{components} components involved");
        }

        if (scopeHits.Count > 0)
        {
            return (BlastClass.MultiService, $"hits {string.Join(", ", scopeHits.Select(s => Name(s.Kind)))}");
        }

        if (score >= options.MultiServiceScore)
        {
            return (BlastClass.MultiService, $"score {Num(score)} ≥ {Num(options.MultiServiceScore)}");
        }

        return touched.Count == 1 ? (BlastClass.Service, $"only {touched[0].Name}") : (BlastClass.Contained, "no component or special scope");
    }

    private static List<string> Explain(List<TouchedComponent> touched, List<ReachedComponent> reached, List<ScopeHit> scopeHits, List<string> unmapped, double score, BlastClass cls, string why)
    {
        var lines = new List<string> { $"{Name(cls)}: {why} (score {Num(score)})" };
        foreach (var t in touched)
        {
            lines.Add($"touches {t.Name} ({Tier(t.Tier)}, owner {t.Owner ?? "unknown"}): {t.Files.Count} file(s), +{t.LinesAdded}/−{t.LinesDeleted} → +{Num(t.Contribution)}");
        }

        // A person reads the heaviest reach; the rest is summed in one line (the result still lists all of it).
        foreach (var r in reached.Count <= MaxExplainedReach ? reached : reached.OrderByDescending(r => r.Contribution).ThenBy(r => r.Depth).Take(MaxExplainedReach).ToList())
        {
            lines.Add($"reaches {r.Name} ({Tier(r.Tier)}, owner {r.Owner ?? "unknown"}) at depth {r.Depth} via {string.Join(" → ", r.Path.Select(Short))} (+{Num(r.Contribution)})");
        }

        if (reached.Count > MaxExplainedReach)
        {
            var rest = reached.OrderByDescending(r => r.Contribution).ThenBy(r => r.Depth).Skip(MaxExplainedReach).ToList();
            lines.Add($"reaches {rest.Count} more component(s) at depth {rest.Min(r => r.Depth)}–{rest.Max(r => r.Depth)} → +{Num(rest.Sum(r => r.Contribution))}");
        }

        foreach (var s in scopeHits)
        {
            lines.Add($"{Name(s.Kind)}: {string.Join(", ", s.Files.Take(3))}{(s.Files.Count > 3 ? $" and {s.Files.Count - 3} more" : "")} → +{Num(s.Contribution)}");
        }

        if (unmapped.Count > 0)
        {
            lines.Add($"{unmapped.Count} file(s) belong to no component: {string.Join(", ", unmapped.Take(3))}{(unmapped.Count > 3 ? ", …" : "")}");
        }

        return lines;
    }

    public static string Name(SpecialScopeKind kind) => kind switch
    {
        SpecialScopeKind.OrgConfig => "organisation-wide configuration",
        SpecialScopeKind.SharedLibrary => "shared library",
        SpecialScopeKind.SchemaMigration => "schema migration",
        SpecialScopeKind.Infrastructure => "infrastructure as code",
        _ => "feature flags",
    };

    public static string Name(BlastClass cls) => cls switch
    {
        BlastClass.Critical => "critical",
        BlastClass.MultiService => "multi-service",
        BlastClass.Service => "service",
        _ => "contained",
    };

    /// <summary>A reference as people say it: <c>component:default/checkout</c> → <c>checkout</c>.</summary>
    internal static string Short(string entityRef)
    {
        var r = entityRef.StartsWith("component:", StringComparison.OrdinalIgnoreCase) ? entityRef["component:".Length..] : entityRef;
        return r.StartsWith("default/", StringComparison.OrdinalIgnoreCase) ? r["default/".Length..] : r;
    }

    private static string Tier(int? tier) => tier is { } t ? $"tier {t}" : "no tier";

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
