using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Countersign.Demo;

/// <summary>Agent Trace 0.1.0 records as the reference implementation appends them to <c>.agent-trace/traces.jsonl</c>.</summary>
internal static class DemoAgentTraces
{
    public const string Path = ".agent-trace/traces.jsonl";

    /// <summary>
    /// One record as a JSON line. <paramref name="revision"/> is the commit the agent edited on top of (the new
    /// commit's parent), as the reference hooks record it.
    /// </summary>
    public static string Render(DemoTracePlan plan, string revision, DateTimeOffset timestamp)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", "0.1.0");
            json.WriteString("id", plan.Id);
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("vcs");
            json.WriteString("type", "git");
            json.WriteString("revision", revision);
            json.WriteEndObject();
            json.WriteStartObject("tool");
            json.WriteString("name", plan.ToolName);
            json.WriteString("version", plan.ToolVersion);
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var file in plan.Ranges.GroupBy(r => r.Path))
            {
                json.WriteStartObject();
                json.WriteString("path", file.Key);
                json.WriteStartArray("conversations");
                json.WriteStartObject();
                json.WriteString("url", plan.ConversationUrl);
                json.WriteStartObject("contributor");
                json.WriteString("type", "ai");
                json.WriteString("model_id", plan.ModelId);
                json.WriteEndObject();
                json.WriteStartArray("ranges");
                foreach (var block in file)
                {
                    json.WriteStartObject();
                    // As for git-ai notes: claim only lines a diff cannot slide (see DemoNotes.Plan).
                    var inner = block.Lines.Count >= 3 ? new DemoLineRange(block.Lines.Start + 1, block.Lines.End - 1) : block.Lines;
                    json.WriteNumber("start_line", inner.Start);
                    json.WriteNumber("end_line", inner.End);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("metadata");
            json.WriteString("generator", "countersign-demo");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
