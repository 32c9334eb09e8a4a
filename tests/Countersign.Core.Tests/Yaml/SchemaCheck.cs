using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Tests.Policy.Compilation;
using Countersign.Core.Yaml;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Countersign.Core.Tests.Yaml;

/// <summary>Checks YAML text against a generated JSON Schema the way an editor's YAML language server does. Build one per schema (a static): a schema registers its $id once.</summary>
internal sealed class SchemaCheck(string generated)
{
    private readonly JsonSchema schema = JsonSchema.FromText(generated);

    public bool IsValid(string yaml) => Evaluate(yaml).IsValid;

    public string Errors(string yaml) => string.Join("\n",
        (Evaluate(yaml).Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    /// <summary>
    /// Fails when the committed file under docs/ is not <paramref name="generated"/>; with UPDATE_SCHEMA=1 it writes it
    /// first, so regenerating is one command.
    /// </summary>
    public static void AssertCommitted(string docsFile, string generated, string testName)
    {
        var path = PolicyDocsTests.Docs(docsFile);
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.ReadAllText(path) == generated,
            $"docs/{docsFile} is not the generated schema. Regenerate it with `UPDATE_SCHEMA=1 dotnet test tests/Countersign.Core.Tests --filter {testName}` and commit it.");
    }

    /// <summary>A file of the repository, found from the test's output directory upwards.</summary>
    public static string RepositoryFile(string relative) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(PolicyDocsTests.Docs("policy.schema.json")))!, relative);

    private EvaluationResults Evaluate(string yaml)
    {
        var root = YamlDocumentLoader.Load(yaml, "s", "the file", new List<Diagnostic>());
        var json = root is null ? null : ToJson(root);
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>YAML to JSON as an editor's YAML language server sees it (YAML 1.2 core schema).</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode v => YamlScalars.Kind(v) switch
        {
            ScalarKind.Null => null,
            ScalarKind.Boolean => JsonValue.Create(v.Value!.Equals("true", StringComparison.OrdinalIgnoreCase)),
            ScalarKind.Integer => JsonValue.Create((decimal)YamlScalars.Number(v)!.Value),
            ScalarKind.Float => JsonValue.Create(YamlScalars.Number(v)!.Value),
            _ => JsonValue.Create(v.Value ?? ""),
        },
        _ => null,
    };
}
