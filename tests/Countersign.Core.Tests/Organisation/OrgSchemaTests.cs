using Countersign.Core.Organisation;
using Countersign.Core.Tests.Yaml;

namespace Countersign.Core.Tests.Organisation;

/// <summary>docs/org.schema.json is generated from the description the reader reads through, so editors and the reader agree.</summary>
public sealed class OrgSchemaTests
{
    private static readonly Lazy<SchemaCheck> Schema = new(() => new SchemaCheck(OrgSchema.Generate()));

    [Fact]
    public void TheCommittedOrgSchemaIsTheGeneratedOne() =>
        SchemaCheck.AssertCommitted("org.schema.json", OrgSchema.Generate(), nameof(TheCommittedOrgSchemaIsTheGeneratedOne));

    [Fact]
    public void TheBenchmarkShopsOrgFileReadsCleanAndValidates()
    {
        const string file = "bench/server-decisions/shop/org.yaml";
        var text = File.ReadAllText(SchemaCheck.RepositoryFile(file));

        Assert.DoesNotContain(OrgDirectoryReader.Read(text, file).Diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.True(Schema.Value.IsValid(text), Schema.Value.Errors(text));
    }

    [Fact]
    public void TheExampleDirectoryValidates() => Assert.True(Schema.Value.IsValid(AcmeOrg.Yaml), Schema.Value.Errors(AcmeOrg.Yaml));

    [Theory]
    [InlineData("peeple: []\n")]
    [InlineData("people:\n  - id: dana\n    emial: d@acme.example\n")]
    [InlineData("people:\n  - id: dana\n    level: [mid]\n")]
    [InlineData("people:\n  dana: {level: mid}\n")]
    [InlineData("people:\n  - name: Dana\n")]
    [InlineData("people:\n  - id: dana mid\n")]
    [InlineData("teams:\n  - {id: a, parent: [b]}\n")]
    [InlineData("bots:\n  - {}\n")]
    [InlineData("levels: []\n")]
    public void AStructuralMistakeIsAnErrorInTheReaderAndInTheSchema(string yaml)
    {
        var error = Assert.Single(OrgDirectoryReader.Read(yaml, "org.yaml").Diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);

        Assert.NotNull(error.Line);
        Assert.False(Schema.Value.IsValid(yaml), $"the schema accepts what the reader rejects:\n{yaml}\n{error}");
    }

    [Theory]
    [InlineData("people:\n  - id: dana\n    emails: dana@acme.example\n    teams: payments\nteams:\n  - id: payments\n")]
    [InlineData("people:\n  - id: dana\n    name:\n    emails: [d@acme.example]\n")]
    [InlineData("teams:\nbots:\n")]
    public void WhatTheReaderAcceptsTheSchemaAcceptsToo(string yaml)
    {
        Assert.DoesNotContain(OrgDirectoryReader.Read(yaml, "org.yaml").Diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.True(Schema.Value.IsValid(yaml), Schema.Value.Errors(yaml));
    }
}
