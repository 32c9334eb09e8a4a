using System.Text.Json;
using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// Reads Agent Trace records. Never throws on bad input: a line or element that is not a usable record is
/// reported and skipped, and reading continues. Within a record, a bad file or range is dropped and the rest kept.
/// </summary>
public static class AgentTraceParser
{
    /// <summary>Reads JSON Lines (<c>.agent-trace/traces.jsonl</c>): one record per line, blank lines ignored. Diagnostics carry the 1-based line.</summary>
    public static AgentTraceParseResult ParseJsonLines(string content, string source)
    {
        var records = new List<AgentTraceRecord>();
        var diagnostics = new List<Diagnostic>();
        var lineNumber = 0;
        foreach (var raw in content.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line, JsonFields.Lenient);
                AddIfRead(new AgentTraceRecordReader(source, lineNumber, "", diagnostics).Read(document.RootElement), records);
            }
            catch (JsonException e)
            {
                diagnostics.Add(Diagnostic.Error(source, $"line is not a JSON record: {JsonFields.Describe(e)}",
                    lineNumber, (int)(e.BytePositionInLine ?? 0) + 1));
            }
        }

        return new AgentTraceParseResult(records, diagnostics);
    }

    /// <summary>Reads a single JSON record or a JSON array of records. Diagnostics name the field (<c>[1].files[0].path</c>).</summary>
    public static AgentTraceParseResult ParseJson(string content, string source)
    {
        var records = new List<AgentTraceRecord>();
        var diagnostics = new List<Diagnostic>();
        if (string.IsNullOrWhiteSpace(content))
        {
            diagnostics.Add(Diagnostic.Error(source, "Agent Trace file is empty"));
            return new AgentTraceParseResult(records, diagnostics);
        }

        try
        {
            using var document = JsonDocument.Parse(content, JsonFields.Lenient);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var element in root.EnumerateArray())
                {
                    AddIfRead(new AgentTraceRecordReader(source, null, $"[{index++}]", diagnostics).Read(element), records);
                }
            }
            else
            {
                AddIfRead(new AgentTraceRecordReader(source, null, "", diagnostics).Read(root), records);
            }
        }
        catch (JsonException e)
        {
            diagnostics.Add(Diagnostic.Error(source, $"not valid JSON: {JsonFields.Describe(e)}",
                (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
        }

        return new AgentTraceParseResult(records, diagnostics);
    }

    private static void AddIfRead(AgentTraceRecord? record, List<AgentTraceRecord> records)
    {
        if (record is not null)
        {
            records.Add(record);
        }
    }
}
