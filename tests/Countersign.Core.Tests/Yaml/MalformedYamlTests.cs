using Countersign.Core.Organisation;
using Countersign.Core.Ownership.Catalog;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Testing;
using Countersign.Core.Provenance.Signatures;

namespace Countersign.Core.Tests.Yaml;

/// <summary>
/// Found by fuzzing: on some malformed input YamlDotNet throws <see cref="InvalidOperationException"/> (its scanner) or
/// <see cref="ArgumentException"/> (its document loader) instead of a YamlException. Every YAML reader reports it as
/// invalid YAML with a place, never lets it escape.
/// </summary>
public sealed class MalformedYamlTests
{
    // A flow sequence opened in a plain scalar's key, with CRLF line ends: YamlDotNet's scanner fails with InvalidOperationException.
    private const string ScannerFailure = "p[eople:\r\n  - id: dana\r\n    emails: [\r\n    d@acme.example]\r\n    level: seniour\r\n";

    [Fact]
    public void TheOrgDirectoryReaderReportsYamlThatBreaksYamlDotNetsScannerAsInvalidYaml()
    {
        var result = OrgDirectoryReader.Read(ScannerFailure, "org.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void ThePolicySignatureFixtureAndCatalogReadersReportYamlThatBreaksYamlDotNetsScannerAsInvalidYaml()
    {
        Assert.Contains(PolicyParser.Parse(ScannerFailure, "policy.yaml").Diagnostics, d => d.Message.Contains("invalid YAML", StringComparison.Ordinal));
        Assert.True(SignatureCatalog.Parse(ScannerFailure, "signatures.yaml").HasErrors);
        var (cases, diagnostics) = PolicyFixtureReader.Read(ScannerFailure, "cases.yaml", OrgDirectory.Empty, DateTimeOffset.UnixEpoch);
        Assert.Empty(cases);
        Assert.Contains(diagnostics, d => d.Message.Contains("invalid YAML", StringComparison.Ordinal));
        Assert.Contains(CatalogReader.Read([(ScannerFailure, "catalog-info.yaml")]).Diagnostics, d => d.Message.Contains("invalid YAML", StringComparison.Ordinal));
    }
}
