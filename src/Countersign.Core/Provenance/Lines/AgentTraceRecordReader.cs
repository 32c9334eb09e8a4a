using System.Globalization;
using System.Text.Json;
using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>Turns one JSON element into an <see cref="AgentTraceRecord"/>, reporting problems at a line and field path.</summary>
internal sealed class AgentTraceRecordReader(string source, int? line, string prefix, List<Diagnostic> diagnostics)
{
    private static readonly string[] KnownVersions = ["0.1.0", "1.0"];

    public AgentTraceRecord? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("trace record must be a JSON object", "");
            return null;
        }

        if (JsonFields.Property(root, "files", JsonValueKind.Array) is not { } files)
        {
            Error("trace record has no 'files' array; skipped", "files");
            return null;
        }

        var version = JsonFields.String(root, "version");
        if (version is null)
        {
            Warning("trace record has no version", "version");
        }
        else if (!KnownVersions.Contains(version))
        {
            Warning($"unrecognised Agent Trace version '{version}'; read as 0.1.0", "version");
        }

        var id = JsonFields.String(root, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            Warning("trace record has no id", "id");
        }

        return new AgentTraceRecord(
            version ?? "", id ?? "", ReadTimestamp(root), ReadVcs(root), ReadTool(root),
            ReadFiles(files), JsonFields.Property(root, "metadata", JsonValueKind.Object)?.Clone());
    }

    private DateTimeOffset? ReadTimestamp(JsonElement root)
    {
        var text = JsonFields.String(root, "timestamp");
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return timestamp;
        }

        Warning(text is null ? "trace record has no timestamp" : $"timestamp '{text}' is not an RFC 3339 date-time", "timestamp");
        return null;
    }

    private AgentTraceVcs? ReadVcs(JsonElement root) =>
        JsonFields.Property(root, "vcs", JsonValueKind.Object) is { } vcs
            ? new AgentTraceVcs(JsonFields.String(vcs, "type"), JsonFields.String(vcs, "revision"))
            : null;

    private AgentTraceTool? ReadTool(JsonElement root) =>
        JsonFields.Property(root, "tool", JsonValueKind.Object) is { } tool
            ? new AgentTraceTool(JsonFields.String(tool, "name"), JsonFields.String(tool, "version"))
            : null;

    private List<AgentTraceFile> ReadFiles(JsonElement files)
    {
        var result = new List<AgentTraceFile>();
        var index = 0;
        foreach (var file in files.EnumerateArray())
        {
            var field = $"files[{index++}]";
            var path = JsonFields.String(file, "path");
            if (string.IsNullOrWhiteSpace(path))
            {
                Error("file has no path; skipped", $"{field}.path");
                continue;
            }

            var conversations = new List<AgentTraceConversation>();
            if (JsonFields.Property(file, "conversations", JsonValueKind.Array) is { } items)
            {
                var c = 0;
                foreach (var conversation in items.EnumerateArray())
                {
                    conversations.Add(ReadConversation(conversation, $"{field}.conversations[{c++}]"));
                }
            }
            else
            {
                Warning("file has no 'conversations' array", $"{field}.conversations");
            }

            result.Add(new AgentTraceFile(path, conversations));
        }

        return result;
    }

    private AgentTraceConversation ReadConversation(JsonElement conversation, string field)
    {
        var contributor = ReadContributor(conversation, $"{field}.contributor");
        var ranges = new List<AgentTraceRange>();
        if (JsonFields.Property(conversation, "ranges", JsonValueKind.Array) is { } items)
        {
            var r = 0;
            foreach (var range in items.EnumerateArray())
            {
                if (ReadRange(range, $"{field}.ranges[{r++}]") is { } read)
                {
                    ranges.Add(read);
                }
            }
        }
        else
        {
            Warning("conversation has no 'ranges' array", $"{field}.ranges");
        }

        return new AgentTraceConversation(JsonFields.String(conversation, "url"), contributor, ranges);
    }

    private AgentTraceRange? ReadRange(JsonElement range, string field)
    {
        var start = JsonFields.Int(range, "start_line");
        var end = JsonFields.Int(range, "end_line");
        if (start is not { } from || end is not { } to || from < 1 || to > LineRange.MaxLineNumber)
        {
            Error($"range needs integer start_line and end_line between 1 and {LineRange.MaxLineNumber}; skipped", field);
            return null;
        }

        if (to < from)
        {
            Error($"range {from}-{to} ends before it starts; skipped", field);
            return null;
        }

        return new AgentTraceRange(from, to, JsonFields.String(range, "content_hash"), ReadContributor(range, $"{field}.contributor"));
    }

    private AgentTraceContributor? ReadContributor(JsonElement owner, string field)
    {
        if (JsonFields.Property(owner, "contributor", JsonValueKind.Object) is not { } contributor)
        {
            return null;
        }

        var type = JsonFields.String(contributor, "type")?.Trim().ToLowerInvariant() switch
        {
            "ai" => AgentTraceContributorType.Ai,
            "human" => AgentTraceContributorType.Human,
            "mixed" => AgentTraceContributorType.Mixed,
            "unknown" => AgentTraceContributorType.Unknown,
            var other => UnknownType(other, field),
        };
        return new AgentTraceContributor(type, JsonFields.String(contributor, "model_id"));
    }

    private AgentTraceContributorType UnknownType(string? type, string field)
    {
        Warning(type is null ? "contributor has no type; read as unknown" : $"contributor type '{type}' is not human, ai, mixed or unknown; read as unknown",
            $"{field}.type");
        return AgentTraceContributorType.Unknown;
    }

    private void Error(string message, string field) => diagnostics.Add(Diagnostic.Error(source, message, line, null, Field(field)));

    private void Warning(string message, string field) => diagnostics.Add(Diagnostic.Warning(source, message, line, null, Field(field)));

    private string? Field(string field) => prefix.Length + field.Length == 0 ? null : field.Length == 0 ? prefix : prefix.Length == 0 ? field : $"{prefix}.{field}";
}
