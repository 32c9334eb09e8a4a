using System.Text.Json;
using System.Text.RegularExpressions;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Schema;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>The documentation stays true: its examples compile, and the committed JSON Schema is the generated one.</summary>
public sealed partial class PolicyDocsTests
{
    private static string Docs(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", file);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Countersign.slnx")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"docs/{file} not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void EveryPolicyExampleInTheReferenceCompiles()
    {
        var blocks = YamlBlock().Matches(File.ReadAllText(Docs("policy.md"))).Select(m => m.Groups[1].Value).Where(b => b.StartsWith("version: 1", StringComparison.Ordinal) || b.StartsWith('#')).ToList();
        Assert.True(blocks.Count >= 5, $"found {blocks.Count} examples");
        foreach (var block in blocks)
        {
            var result = PolicyLoader.Load(block, "docs/policy.md", OrgDirectory.Empty, _ => (DefaultPolicy.Text, "org-policy.yaml"));
            Assert.False(result.HasErrors, block + "\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
    }

    [Fact]
    public void TheCommittedSchemaIsTheGeneratedOne()
    {
        var path = Docs("policy.schema.json");
        var generated = PolicySchema.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.ReadAllText(path) == generated, "docs/policy.schema.json is stale: run `UPDATE_SCHEMA=1 dotnet test tests/Countersign.Core.Tests --filter TheCommittedSchemaIsTheGeneratedOne` (or `countersign policy schema > docs/policy.schema.json`)");
        using var schema = JsonDocument.Parse(generated);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.True(schema.RootElement.GetProperty("$defs").TryGetProperty("condition", out var condition));
        Assert.True(condition.GetProperty("properties").TryGetProperty("provenance", out _));
    }

    [Fact]
    public void TheSchemaKnowsEveryKeyTheDefaultPolicyUses()
    {
        var keys = KeyLine().Matches(DefaultPolicy.Text).Select(m => m.Groups[1].Value).Distinct().ToList();
        var generated = PolicySchema.Generate();
        Assert.All(keys, key => Assert.Contains($"\"{key}\"", generated, StringComparison.Ordinal));
    }

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex("^\\s*-?\\s*([a-z_]+):", RegexOptions.Multiline)]
    private static partial Regex KeyLine();
}
