using Countersign.Core.History;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Signatures;

namespace Countersign.Core.Tests.Provenance.Signatures;

/// <summary>
/// Catalog patterns are built once per process and only when first needed (building one costs milliseconds): the
/// shipped catalog is read without building them, an organisation's file still has every pattern checked.
/// </summary>
public sealed class SignaturePatternBuildingTests
{
    private static readonly DateTimeOffset When = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static string ShippedText()
    {
        using var stream = typeof(SignatureCatalog).Assembly.GetManifestResourceStream(SignatureCatalog.ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void EveryPatternOfTheShippedCatalogBuildsWithTheCatalogEngine()
    {
        var patterns = SignatureCatalog.Default.Tools.SelectMany(t => t.Markers)
            .SelectMany(m => new[] { m.Pattern, m.Identity?.EmailPattern })
            .Concat(SignatureCatalog.Default.Automation.Select(a => a.EmailPattern))
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.NotNull(SignatureMatcher.CompileRegex(p)));
    }

    [Fact]
    public void ReadingWithoutBuildingPatternsGivesTheSameCatalogAsValidatingThem()
    {
        var text = ShippedText();

        var built = SignatureCatalogReader.Read(text, "a", buildPatterns: true);
        var deferred = SignatureCatalogReader.Read(text, "a", buildPatterns: false);

        Assert.Empty(built.Diagnostics);
        Assert.Empty(deferred.Diagnostics);
        Assert.Equal(
            built.Catalog.Tools.SelectMany(t => t.Markers.Select(m => (t.Id, m.Kind, m.Pattern, m.Key))),
            deferred.Catalog.Tools.SelectMany(t => t.Markers.Select(m => (t.Id, m.Kind, m.Pattern, m.Key))));
    }

    [Fact]
    public void AnOrganisationFileWithAPatternTheEngineRejectsIsStillReported()
    {
        // A backreference parses as a regex but the non-backtracking engine refuses it: only building it tells.
        const string yaml = "tools:\n  - id: acme\n    aliases: [acme]\n    markers:\n      - kind: footer\n        pattern: \"(a)\\\\1\"\n";

        var result = SignatureCatalog.Parse(yaml, "acme.yaml");

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("invalid regular expression", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSamePatternIsBuiltOnceAndShared()
    {
        var pattern = $"^shared-{Guid.NewGuid():N}$";

        Assert.Same(SignatureMatcher.CompileRegex(pattern), SignatureMatcher.CompileRegex(pattern));
    }

    [Fact]
    public void APatternBuiltOnFirstUseStillDecidesTheMatch()
    {
        const string yaml = "tools:\n  - id: acme\n    aliases: [acme]\n    markers:\n      - kind: trailer\n        key: Made-With\n        pattern: \"^acme-[0-9]+$\"\n";
        var catalog = SignatureCatalog.Default.Merge(SignatureCatalog.Parse(yaml, "acme.yaml").Catalog);
        var classifier = new ProvenanceClassifier(catalog);
        var author = new GitIdentity("Dev", "dev@example.com", When);

        var matching = classifier.Classify(author, author, "Change\n\nMade-With: ACME-42\n", null, []);
        var other = classifier.Classify(author, author, "Change\n\nMade-With: widget-42\n", null, []);

        Assert.Contains("acme", matching.Tools);
        Assert.DoesNotContain("acme", other.Tools);
    }
}
