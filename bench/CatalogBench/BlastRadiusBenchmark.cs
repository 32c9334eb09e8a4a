using BenchmarkDotNet.Attributes;
using Countersign.Core.BlastRadius;
using Countersign.Core.History;
using Countersign.Core.Ownership.Catalog;
using Countersign.Core.Tests.Ownership.Catalog;

namespace CatalogBench;

/// <summary>
/// Blast radius of one change over the generated catalog's service graph (CATALOG_COMPONENTS components):
/// compile once (<see cref="BlastRadiusCalculator"/>), then evaluate per change. Changes touch 3 files in 1–3 components.
/// </summary>
[MemoryDiagnoser]
public class BlastRadiusBenchmark
{
    private readonly BlastRadiusCalculator calculator = new();
    private ServiceGraph graph = new();
    private List<FileChange[]> changes = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        var components = int.TryParse(Environment.GetEnvironmentVariable("CATALOG_COMPONENTS"), out var n) ? n : 100_000;
        var catalog = CatalogReader.Read(CatalogGenerator.Generate(components).Files).Catalog;
        graph = catalog.ToServiceGraph();
        var random = new Random(7);
        var withPaths = catalog.Components.Where(c => c.SourcePaths.Count > 0 && !SourcePaths.IsGlob(c.SourcePaths[0])).ToList();
        changes = Enumerable.Range(0, 1000)
            .Select(_ => Enumerable.Range(0, 3).Select(k => new FileChange(withPaths[random.Next(withPaths.Count)].SourcePaths[0] + $"src/f{k}.cs", 10, 2)).ToArray())
            .ToList();
        Console.WriteLine($"// graph: {graph.ComponentCount:N0} components and resources, {withPaths.Count:N0} with source paths");
    }

    [Benchmark]
    public double ComputeOneChange()
    {
        var change = changes[next++ % changes.Count];
        return calculator.Compute(change, graph).Score;
    }
}
