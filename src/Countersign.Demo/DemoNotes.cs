using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Countersign.Demo;

/// <summary>
/// git-ai authorship notes (Git AI Standard v3.0.0): planned from the lines a commit really wrote, rendered once the
/// commit's sha is known. Keys follow the spec: <c>s_</c> + SHA-256("tool:conversation")[..14], <c>h_</c> + SHA-256
/// of the committer identity [..14], legacy keys SHA-256("tool:conversation")[..16].
/// </summary>
internal static class DemoNotes
{
    /// <summary>git-ai's <c>agent_id.tool</c> for the demo's AI variants that run with git-ai installed; null for the rest.</summary>
    public static string? GitAiTool(string variant) => variant switch
    {
        "claude-code" or "claude-opus" => "claude",
        "cursor" or "codex" or "amp" => variant,
        "copilot" => "github-copilot",
        _ => null,
    };

    /// <summary>Countersign's tool id for a git-ai tool name.</summary>
    public static string ToolId(string gitAiTool) => gitAiTool switch
    {
        "claude" => "claude-code",
        "github-copilot" => "copilot",
        _ => gitAiTool,
    };

    public static DemoNotePlan Plan(string tool, DemoPerson human, DemoWork work, bool legacy, Random random)
    {
        var files = new List<DemoNoteFile>();
        foreach (var group in work.Added.GroupBy(b => b.Path).Take(2))
        {
            // Leave out each block's first and last line: git's diff may slide a block by one line where
            // neighbouring lines repeat (a blank line, a closing brace), and a note must only claim added lines.
            var ai = group.Where(b => b.Lines.Count >= 3).Select(b => new DemoLineRange(b.Lines.Start + 1, b.Lines.End - 1)).ToList();
            var humanLines = new List<DemoLineRange>();
            if (!legacy && ai.Count > 0 && ai[^1].Count >= 6 && random.Next(5) < 2)
            {
                var last = ai[^1];
                var split = last.Start + last.Count * 2 / 3;
                ai[^1] = last with { End = split - 1 };
                humanLines.Add(new DemoLineRange(split, last.End));
            }

            if (ai.Count > 0)
            {
                files.Add(new DemoNoteFile(group.Key, ai, humanLines));
            }
        }

        var model = tool switch
        {
            "claude" => "claude-opus-4-5-20251101",
            "cursor" => "claude-4-sonnet",
            "codex" => "gpt-5-codex",
            "amp" => "claude-sonnet-4-5-20250929",
            _ => "gpt-4.1",
        };
        return new DemoNotePlan(tool, model, DemoIds.Uuid(random), DemoIds.Hex(random, 14), human, legacy, files);
    }

    public static string Render(DemoNotePlan plan, string commitSha)
    {
        var key = plan.Legacy
            ? DemoIds.Sha256Prefix($"{plan.Tool}:{plan.ConversationId}", 16)
            : $"s_{DemoIds.Sha256Prefix($"{plan.Tool}:{plan.ConversationId}", 14)}::t_{plan.TraceId}";
        var humanKey = "h_" + DemoIds.Sha256Prefix(plan.Human.Signature.ToString(), 14);
        var text = new StringBuilder();
        foreach (var file in plan.Files)
        {
            text.Append(file.Path.Any(char.IsWhiteSpace) ? $"\"{file.Path}\"" : file.Path).Append('\n');
            text.Append($"  {key} {string.Join(',', file.AiLines)}\n");
            if (file.HumanLines.Count > 0)
            {
                text.Append($"  {humanKey} {string.Join(',', file.HumanLines)}\n");
            }
        }

        text.Append("---\n").Append(Metadata(plan, key, humanKey, commitSha)).Append('\n');
        return text.ToString();
    }

    private static string Metadata(DemoNotePlan plan, string key, string humanKey, string commitSha)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema_version", "authorship/3.0.0");
            json.WriteString("git_ai_version", plan.Legacy ? "1.0.23" : "1.4.5");
            json.WriteString("base_commit_sha", commitSha);
            json.WriteStartObject("prompts");
            if (plan.Legacy)
            {
                var accepted = plan.Files.Sum(f => f.AiLines.Sum(r => r.Count));
                json.WriteStartObject(key);
                AgentId(json, plan);
                json.WriteString("human_author", plan.Human.Signature.ToString());
                json.WriteNumber("total_additions", accepted + 2);
                json.WriteNumber("total_deletions", 0);
                json.WriteNumber("accepted_lines", accepted);
                json.WriteNumber("overriden_lines", 0);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            if (!plan.Legacy)
            {
                if (plan.Files.Any(f => f.HumanLines.Count > 0))
                {
                    json.WriteStartObject("humans");
                    json.WriteStartObject(humanKey);
                    json.WriteString("author", plan.Human.Signature.ToString());
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteStartObject("sessions");
                json.WriteStartObject(key.Split("::")[0]);
                AgentId(json, plan);
                json.WriteString("human_author", plan.Human.Email);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void AgentId(Utf8JsonWriter json, DemoNotePlan plan)
    {
        json.WriteStartObject("agent_id");
        json.WriteString("tool", plan.Tool);
        json.WriteString("id", plan.ConversationId);
        json.WriteString("model", plan.Model);
        json.WriteEndObject();
    }
}
