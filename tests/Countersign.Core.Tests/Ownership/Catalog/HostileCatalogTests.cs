using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

/// <summary>Inputs the catalog fuzz target found (bench/Fuzz/regressions/catalog): each is a diagnostic, never a crash or a minute of CPU.</summary>
public sealed class HostileCatalogTests
{
    [Fact]
    public void AValueNestedFortyThousandLevelsDeepIsRefusedAtTheLevelPastTheLimit()
    {
        var text = "apiVersion: " + new string('{', 40_000) + "\nkind: Component\n";

        var result = CatalogReader.Read([(text, "catalog-info.yaml")]);

        var error = Assert.Single(result.Diagnostics, d => d.Message.Contains("nested more than 256 levels deep", StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal((1, 13 + 256), (error.Line, error.Column));
        Assert.Equal("catalog-info.yaml", error.Source);
    }

    [Fact]
    public void ADocumentWhoseEventsEndInsideAMappingIsInvalidYamlWithAPosition()
    {
        // Fuzz input 11078: an empty key in spec and a replaced lone surrogate; YamlDotNet's event stream ends early.
        var text = "apiVersion: backstage.io/vyes1alpha1\nkind: Component\nmetadata:\n  name: wayback-search\n  description: Search \uFFFDf the wayback machine\nspec:\n  : service\n  lifecycle: production\n  owner: team-a\n  providesApis:\n    - wayback-search\n  consumesApis:\n    - wayback-archive\n";

        var result = CatalogReader.Read([(text, "catalog-info.yaml")]);

        Assert.All(result.Diagnostics, d => Assert.True(d.Line is > 0));
    }

    [Fact]
    public void ATagThatIsNotAValidUriIsInvalidYamlNotACrash()
    {
        var text = "apiVersion: backstage.io/v1alpha1\nkind: !<%zz> Component\nmetadata:\n  name: x\n";

        var result = CatalogReader.Read([(text, "catalog-info.yaml")]);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("invalid YAML", error.Message);
    }

    [Fact]
    public void EveryCatalogRegressionInputFromTheFuzzerReadsWithoutThrowing()
    {
        var folder = Path.Combine(Fuzz.FuzzReplay.CorpusDirectory(), "..", "..", "bench", "Fuzz", "regressions", "catalog");
        var inputs = Directory.GetFiles(folder, "*.input");
        Assert.NotEmpty(inputs);
        foreach (var file in inputs)
        {
            var text = Fuzz.FuzzCorpus.Unescape(File.ReadAllText(file));
            var result = CatalogReader.Read([(text, "catalog-info.yaml")]);
            foreach (var path in new[] { "src/a.cs", "services/x/y.go" })
            {
                result.Catalog.ComponentsForPath(path);
            }

            result.Catalog.ToServiceGraph();
        }
    }
}
