using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Ownership.Catalog;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Testing;
using Countersign.Core.Provenance.Signatures;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Yaml;

/// <summary>
/// Every reader of a trusted YAML file reports a syntax error where the mistake is, the same way: YamlDotNet's own
/// marks put a tab that breaks indentation at the value before it (or at 1:1), and some malformed flow collections
/// throw without a mark at all.
/// </summary>
public sealed class YamlErrorPositionTests
{
    /// <summary>Fifteen valid lines, then a tab at 16:1.</summary>
    private static readonly string TabAtLine16 = string.Concat(Enumerable.Range(1, 15).Select(i => $"key{i}: value{i}\n")) + "\tkey16: value16\n";

    private static readonly Dictionary<string, Func<string, IReadOnlyList<Diagnostic>>> Readers = new()
    {
        ["policy"] = text => PolicyParser.Parse(text, "f.yaml").Diagnostics,
        ["org"] = text => OrgDirectoryReader.Read(text, "f.yaml").Diagnostics,
        ["catalog"] = text => CatalogReader.Read([(text, "f.yaml")]).Diagnostics,
        ["signatures"] = text => SignatureCatalogReader.Read(text, "f.yaml").Diagnostics,
        ["fixtures"] = text => PolicyFixtureReader.Read(text, "f.yaml", Org, Now).Diagnostics,
    };

    public static TheoryData<string> ReaderNames => new(Readers.Keys);

    private static Diagnostic FirstError(string reader, string text) =>
        Readers[reader](text).First(d => d.Severity == DiagnosticSeverity.Error);

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void ATabThatBreaksIndentationIsReportedOnItsOwnLineAndColumn(string reader)
    {
        var error = FirstError(reader, TabAtLine16);
        Assert.Equal((16, 1), (error.Line, error.Column));
        Assert.Contains("tab", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void ATabIndentingTheLineAfterAQuotedValueIsReportedThereNotAtTheTopOfTheFile(string reader)
    {
        var error = FirstError(reader, "a: 'q'\nb: 1\n\tc: 2\n");
        Assert.Equal((3, 1), (error.Line, error.Column));
    }

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public void AnUnclosedFlowListBeforeTheNextKeyIsAnErrorWithAPlaceNotACrash(string reader)
    {
        var error = FirstError(reader, "version: 1\nrules: [1, 2\nfreezes: 3\n");
        Assert.StartsWith("invalid YAML:", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line is 2 or 3, $"reported at {error.Line}:{error.Column}");
    }

    [Fact]
    public void OtherSyntaxErrorsKeepThePlaceYamlGivesThem()
    {
        var policy = PolicyParser.Parse("version: 1\nrules:\n  - name: \"unterminated\n", "p.yaml");
        var unterminated = Assert.Single(policy.Diagnostics);
        Assert.Equal((3, 11), (unterminated.Line, unterminated.Column));

        var duplicate = Assert.Single(PolicyParser.Parse("version: 1\nversion: 1\n", "p.yaml").Diagnostics);
        Assert.Equal((2, 1), (duplicate.Line, duplicate.Column));
    }
}
