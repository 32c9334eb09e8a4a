using System.Text.Json;
using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>Reads the JSON metadata section of a git-ai note, reporting syntax errors at the note's line and column.</summary>
internal static class GitAiMetadataReader
{
    public const string SchemaVersion = "authorship/3.0.0";

    /// <summary><paramref name="firstLine"/> is the 1-based note line on which <paramref name="json"/> begins.</summary>
    public static GitAiMetadata Read(string json, int firstLine, string source, List<Diagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            diagnostics.Add(Diagnostic.Error(source, "metadata section is empty", firstLine, 1));
            return GitAiMetadata.Empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonFields.Lenient);
        }
        catch (JsonException e)
        {
            diagnostics.Add(Diagnostic.Error(source, $"metadata is not valid JSON: {JsonFields.Describe(e)}",
                firstLine + (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0) + 1));
            return GitAiMetadata.Empty;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(Diagnostic.Error(source, "metadata must be a JSON object", firstLine, 1));
                return GitAiMetadata.Empty;
            }

            var schema = JsonFields.String(root, "schema_version");
            CheckSchema(schema, firstLine, source, diagnostics);
            var baseCommit = JsonFields.String(root, "base_commit_sha");
            if (baseCommit is null)
            {
                diagnostics.Add(Diagnostic.Warning(source, "metadata has no base_commit_sha", firstLine, 1, "base_commit_sha"));
            }

            return new GitAiMetadata(
                true, schema, baseCommit, JsonFields.String(root, "git_ai_version"),
                ReadAgents(root, "prompts", firstLine, source, diagnostics),
                ReadAgents(root, "sessions", firstLine, source, diagnostics),
                ReadHumans(root, firstLine, source, diagnostics));
        }
    }

    private static void CheckSchema(string? schema, int line, string source, List<Diagnostic> diagnostics)
    {
        if (schema is null)
        {
            diagnostics.Add(Diagnostic.Warning(source, $"metadata has no schema_version; read as {SchemaVersion}", line, 1, "schema_version"));
        }
        else if (!schema.StartsWith("authorship/3.", StringComparison.Ordinal))
        {
            var what = schema.StartsWith("authorship/", StringComparison.Ordinal) ? "another authorship schema" : "not an authorship schema";
            diagnostics.Add(Diagnostic.Warning(source, $"schema_version '{schema}' is {what}; read as {SchemaVersion}", line, 1, "schema_version"));
        }
    }

    private static Dictionary<string, GitAiAgentRecord> ReadAgents(
        JsonElement root, string map, int line, string source, List<Diagnostic> diagnostics)
    {
        var records = new Dictionary<string, GitAiAgentRecord>(StringComparer.Ordinal);
        if (!JsonFields.Has(root, map))
        {
            return records;
        }

        if (JsonFields.Property(root, map, JsonValueKind.Object) is not { } entries)
        {
            diagnostics.Add(Diagnostic.Warning(source, $"metadata.{map} is not an object; ignored", line, 1, map));
            return records;
        }

        foreach (var entry in entries.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(Diagnostic.Warning(source, $"metadata.{map} entry is not an object; ignored", line, 1, $"{map}.{entry.Name}"));
                continue;
            }

            var agent = JsonFields.Property(entry.Value, "agent_id", JsonValueKind.Object);
            if (agent is null)
            {
                diagnostics.Add(Diagnostic.Warning(source, "record has no agent_id; its tool is unknown", line, 1, $"{map}.{entry.Name}.agent_id"));
            }

            var value = entry.Value;
            records[entry.Name] = new GitAiAgentRecord(
                agent is { } a ? JsonFields.String(a, "tool") : null,
                agent is { } b ? JsonFields.String(b, "id") : null,
                agent is { } c ? JsonFields.String(c, "model") : null,
                JsonFields.String(value, "human_author"),
                JsonFields.Int(value, "accepted_lines"),
                JsonFields.Int(value, "overriden_lines") ?? JsonFields.Int(value, "overridden_lines"));
        }

        return records;
    }

    private static Dictionary<string, string> ReadHumans(JsonElement root, int line, string source, List<Diagnostic> diagnostics)
    {
        var humans = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!JsonFields.Has(root, "humans"))
        {
            return humans;
        }

        if (JsonFields.Property(root, "humans", JsonValueKind.Object) is not { } entries)
        {
            diagnostics.Add(Diagnostic.Warning(source, "metadata.humans is not an object; ignored", line, 1, "humans"));
            return humans;
        }

        foreach (var entry in entries.EnumerateObject())
        {
            humans[entry.Name] = JsonFields.String(entry.Value, "author") ?? "";
        }

        return humans;
    }
}
