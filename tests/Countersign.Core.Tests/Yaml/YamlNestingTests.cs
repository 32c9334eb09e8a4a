using Countersign.Core.Organisation;
using Countersign.Core.Policy.Testing;
using Countersign.Core.Provenance.Signatures;
using Countersign.Core.Yaml;

namespace Countersign.Core.Tests.Yaml;

/// <summary>Hostile nesting is reported with its place by every YAML reader, never a stack overflow.</summary>
public sealed class YamlNestingTests
{
    private static readonly string Deep = "people: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

    [Fact]
    public void TheScanFindsWhereNestingPassesTheLimit()
    {
        Assert.Null(YamlNesting.FirstTooDeep("a: [[1]]\n"));
        var mark = YamlNesting.FirstTooDeep(Deep);
        // The top-level mapping is the first level, so the 256th bracket (column 8 + 256) is the 257th level.
        Assert.Equal((1, 8 + YamlNesting.MaxDepth), ((int)mark!.Value.Line, (int)mark.Value.Column));
    }

    [Fact]
    public void TheOrgDirectoryReaderReportsDeepNesting()
    {
        var result = OrgDirectoryReader.Read(Deep, "org.yaml");
        Assert.Contains(result.Diagnostics, d => d.ToString().StartsWith("org.yaml:1:", StringComparison.Ordinal) && d.Message.Contains("nested more than 256", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSignatureAndFixtureReadersReportDeepNesting()
    {
        Assert.True(SignatureCatalog.Parse(Deep, "signatures.yaml").HasErrors);
        var (cases, diagnostics) = PolicyFixtureReader.Read(Deep, "cases.yaml", OrgDirectory.Empty, DateTimeOffset.UnixEpoch);
        Assert.Empty(cases);
        Assert.Contains("nested more than 256", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }
}
