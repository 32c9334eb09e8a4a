using Countersign.Core.Diagnostics;
using Countersign.Core.Provenance.Signatures;
using Countersign.Core.Tests.Yaml;

namespace Countersign.Core.Tests.Provenance.Signatures;

/// <summary>docs/tool-signatures.schema.json is generated from the description the reader reads through.</summary>
public sealed class SignatureSchemaTests
{
    private static readonly Lazy<SchemaCheck> Schema = new(() => new SchemaCheck(SignatureSchema.Generate()));

    [Fact]
    public void TheCommittedSignatureSchemaIsTheGeneratedOne() =>
        SchemaCheck.AssertCommitted("tool-signatures.schema.json", SignatureSchema.Generate(), nameof(TheCommittedSignatureSchemaIsTheGeneratedOne));

    [Fact]
    public void TheShippedSignatureFileValidates()
    {
        var text = File.ReadAllText(SchemaCheck.RepositoryFile("src/Countersign.Core/Provenance/tool-signatures.yaml"));

        Assert.Empty(SignatureCatalog.Parse(text, "tool-signatures.yaml").Diagnostics);
        Assert.True(Schema.Value.IsValid(text), Schema.Value.Errors(text));
    }

    [Theory]
    [InlineData("tols: []\n", "unknown key 'tols' (did you mean 'tools'?)")]
    [InlineData("tools:\n  - id: Acme\n", "'Acme' must be lower-case letters")]
    [InlineData("tools:\n  - id: acme\n    markers: [{kind: smoke}]\n", "'smoke' is not allowed here")]
    [InlineData("tools:\n  - id: acme\n    markers: [{kind: footer, text: x, confidence: 2}]\n", "2 is out of range: allowed 0 to 1")]
    [InlineData("tools:\n  - id: acme\n    markers: [{kind: footer, txt: x}]\n", "unknown key 'txt' (did you mean 'text'?)")]
    [InlineData("naming-trailers:\n  - {confidence: 0.5}\n", "'key' is required here")]
    [InlineData("version: 2\n", "2 is out of range: must be 1")]
    [InlineData("automation:\n  - email: [a@b.example]\n", "expected a text value, found a list")]
    public void AStructuralMistakeIsAnErrorInTheReaderAndInTheSchema(string yaml, string message)
    {
        var error = Assert.Single(SignatureCatalog.Parse(yaml, "signatures.yaml").Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Field);
        Assert.False(Schema.Value.IsValid(yaml), $"the schema accepts what the reader rejects:\n{yaml}\n{error}");
    }

    [Fact]
    public void AKeyAnotherKindTakesIsAnErrorNamingTheKind()
    {
        var error = Assert.Single(SignatureCatalog.Parse("tools:\n  - id: acme\n    markers: [{kind: footer, prefix: x}]\n", "s.yaml").Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        Assert.Equal("s.yaml:3:30: error: unknown key 'prefix' for a footer marker; allowed: kind, status, confidence, note, text, pattern (field 'tools[0].markers[0].prefix')", error.ToString());
    }
}
