using Countersign.Core.Policy.Compilation;
using YamlDotNet.RepresentationModel;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Tests.Policy.Compilation;

public sealed class PolicyParserTests
{
    [Fact]
    public void ParsingGivesTheSyntaxTreeWithPositionsAndChecksNoMeaning()
    {
        var parsed = PolicyParser.Parse("version: 7\nnonsense: {a: b}\n", "p.yaml");
        Assert.False(parsed.HasErrors);
        var root = Assert.IsType<YamlMappingNode>(parsed.Root);
        var nonsense = root.Children[new YamlScalarNode("nonsense")];
        Assert.Equal((2, 11), ((int)nonsense.Start.Line, (int)nonsense.Start.Column));
        Assert.True(PolicyCompiler.Compile(parsed, PolicyTestOrg.Org, _ => null).HasErrors);
    }

    [Fact]
    public void ASyntaxErrorStopsCompilationWithItsPosition()
    {
        var parsed = PolicyParser.Parse("version: 1\nrules:\n  - name: \"unterminated\n", "p.yaml");
        Assert.Null(parsed.Root);
        var error = Assert.Single(parsed.Diagnostics);
        Assert.StartsWith("p.yaml:3:11: error: invalid YAML:", error.ToString(), StringComparison.Ordinal);
        var compiled = PolicyCompiler.Compile(parsed, PolicyTestOrg.Org, _ => null);
        Assert.Equal([error], compiled.Diagnostics);
        Assert.Null(compiled.Policy);
    }

    [Fact]
    public void AnchorsAndAliasesAreOrdinaryYaml()
    {
        var policy = Compile.Valid("""
            version: 1
            rules:
              - name: a
                requires: {from: &seniors {level: {at_least: senior}}}
              - name: b
                requires: {count: 2, from: *seniors}
            """);
        Assert.Equal("from(level=senior or above)", CompiledText.Of(policy.Rules[1].Requires.From));
    }

    [Fact]
    public void AliasesThatExpandBeyondTheLimitAreRefused()
    {
        // Nine levels of ten aliases each stand for a billion values in a few hundred bytes.
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var parsed = PolicyParser.Parse(string.Join("\n", lines) + "\n", "bomb.yaml");
        Assert.Equal("bomb.yaml:1:1: error: once its YAML aliases (*name) are expanded, the policy holds more than 1000000 values or nests more than 256 levels deep",
            Assert.Single(parsed.Diagnostics).ToString());
    }

    [Fact]
    public void NestingBeyondTheLimitIsRefusedWithoutRecursing()
    {
        var deep = "version: 1\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        Assert.Equal($"p.yaml:2:{3 + PolicyParser.MaxNesting}: error: YAML nested more than 256 levels deep", Assert.Single(PolicyParser.Parse(deep, "p.yaml").Diagnostics).ToString());
    }

    [Fact]
    public void OverlongTextIsRefused()
    {
        var parsed = PolicyParser.Parse("version: 1\n" + new string('#', PolicyParser.MaxLength), "p.yaml");
        Assert.Equal($"p.yaml:1:1: error: the policy is {PolicyParser.MaxLength + 11} characters long; at most {PolicyParser.MaxLength} are read", Assert.Single(parsed.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("true", nameof(ScalarKind.Boolean))]
    [InlineData("False", nameof(ScalarKind.Boolean))]
    [InlineData("yes", nameof(ScalarKind.String))]
    [InlineData("~", nameof(ScalarKind.Null))]
    [InlineData("null", nameof(ScalarKind.Null))]
    [InlineData("12", nameof(ScalarKind.Integer))]
    [InlineData("-3", nameof(ScalarKind.Integer))]
    [InlineData("0x1F", nameof(ScalarKind.Integer))]
    [InlineData("0.8", nameof(ScalarKind.Float))]
    [InlineData("1e3", nameof(ScalarKind.Float))]
    [InlineData(".inf", nameof(ScalarKind.Float))]
    [InlineData("16:00", nameof(ScalarKind.String))]
    [InlineData("2026-12-19T00:00:00Z", nameof(ScalarKind.String))]
    [InlineData("48h", nameof(ScalarKind.String))]
    [InlineData("\"12\"", nameof(ScalarKind.String))]
    [InlineData("!!str 12", nameof(ScalarKind.String))]
    public void ScalarsResolveLikeTheYamlCoreSchema(string yaml, string kind)
    {
        var root = (YamlMappingNode)PolicyParser.Parse($"v: {yaml}\n", "p.yaml").Root!;
        Assert.Equal(Enum.Parse<ScalarKind>(kind), YamlScalars.Kind((YamlScalarNode)root.Children[new YamlScalarNode("v")]));
    }
}
