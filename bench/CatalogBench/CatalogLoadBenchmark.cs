using BenchmarkDotNet.Attributes;
using Countersign.Core.Ownership.Catalog;
using Countersign.Core.Tests.Ownership.Catalog;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CatalogBench;

/// <summary>
/// Loading a generated catalog (CATALOG_COMPONENTS components, default 100,000 — about a million declared relations)
/// against YamlDotNet reading the same files without any catalog logic: building the node tree (YamlStream.Load,
/// the baseline) and merely pulling the parser events (the floor for any YamlDotNet-based reader).
/// </summary>
[MemoryDiagnoser]
public class CatalogLoadBenchmark
{
    private IReadOnlyList<(string Text, string Source)> files = [];

    [GlobalSetup]
    public void Setup()
    {
        var components = int.TryParse(Environment.GetEnvironmentVariable("CATALOG_COMPONENTS"), out var n) ? n : 100_000;
        var generated = CatalogGenerator.Generate(components);
        files = generated.Files;
        Console.WriteLine($"// catalog: {generated.Components:N0} components, {generated.Entities:N0} entities, " +
                          $"{generated.DeclaredRelations:N0} declared relations, {files.Count} files, {files.Sum(f => f.Text.Length) / 1_048_576.0:F1} MiB");
    }

    [Benchmark(Baseline = true)]
    public int YamlStreamLoad()
    {
        var documents = 0;
        foreach (var (text, _) in files)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            documents += stream.Documents.Count;
        }

        return documents;
    }

    [Benchmark]
    public int ParserEventsOnly()
    {
        var events = 0;
        foreach (var (text, _) in files)
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                events++;
            }
        }

        return events;
    }

    [Benchmark]
    public int CatalogRead()
    {
        var result = CatalogReader.Read(files);
        return result.Catalog.RelationCount + result.Diagnostics.Count;
    }
}
