namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// Maps the tool names that git-ai notes (<c>agent_id.tool</c>) and Agent Trace records (<c>tool.name</c>) use
/// onto Countersign's tool ids (the ids of the signature catalog).
/// </summary>
internal static class ToolNames
{
    public const string OtherAi = "other-ai";

    /// <summary>Every id <see cref="Normalize"/> can return.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "claude-code", "copilot", "cursor", "aider", "codex", "devin", "jules", "gemini", "openhands", "amp",
        "crush", "opencode", "qwen-code", "factory", "warp", "amazon-q", "sweep", OtherAi,
    ];

    // Keys are canonical forms (lower case, '_', ' ' and '.' as '-', no "[bot]"). Names seen in git-ai's agent_id.tool,
    // the Agent Trace reference hooks, and bot logins.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["claude"] = "claude-code", ["claude-code"] = "claude-code", ["claudecode"] = "claude-code", ["anthropic-claude-code"] = "claude-code",
        ["copilot"] = "copilot", ["github-copilot"] = "copilot", ["copilot-swe-agent"] = "copilot", ["copilot-cli"] = "copilot",
        ["copilot-agent"] = "copilot", ["vscode-copilot"] = "copilot",
        ["cursor"] = "cursor", ["cursor-agent"] = "cursor", ["cursor-cli"] = "cursor", ["cursoragent"] = "cursor",
        ["aider"] = "aider",
        ["codex"] = "codex", ["openai-codex"] = "codex", ["codex-cli"] = "codex", ["chatgpt-codex-connector"] = "codex",
        ["devin"] = "devin", ["devin-ai"] = "devin", ["devin-ai-integration"] = "devin",
        ["jules"] = "jules", ["google-jules"] = "jules", ["google-labs-jules"] = "jules",
        ["gemini"] = "gemini", ["gemini-cli"] = "gemini", ["gemini-code-assist"] = "gemini",
        ["openhands"] = "openhands", ["all-hands"] = "openhands", ["opendevin"] = "openhands",
        ["amp"] = "amp", ["ampcode"] = "amp", ["sourcegraph-amp"] = "amp",
        ["crush"] = "crush",
        ["opencode"] = "opencode", ["sst-opencode"] = "opencode",
        ["qwen"] = "qwen-code", ["qwen-code"] = "qwen-code", ["qwen-coder"] = "qwen-code",
        ["factory"] = "factory", ["droid"] = "factory", ["factory-droid"] = "factory",
        ["warp"] = "warp", ["oz"] = "warp",
        ["amazon-q"] = "amazon-q", ["amazonq"] = "amazon-q", ["q-developer"] = "amazon-q", ["amazon-q-developer"] = "amazon-q",
        ["sweep"] = "sweep", ["sweep-ai"] = "sweep",
        ["other-ai"] = OtherAi,
        // Names that contain a catalog word but are other tools (Cline was "claude-dev").
        ["claude-dev"] = OtherAi,
    };

    /// <summary>Words that identify a tool inside a longer name (<c>cursor-ide-2</c>, <c>github-copilot-chat</c>).</summary>
    private static readonly (string Word, string Tool)[] Words =
    [
        ("claude", "claude-code"), ("copilot", "copilot"), ("cursor", "cursor"), ("aider", "aider"), ("codex", "codex"),
        ("devin", "devin"), ("jules", "jules"), ("gemini", "gemini"), ("openhands", "openhands"), ("crush", "crush"),
        ("opencode", "opencode"), ("qwen", "qwen-code"), ("droid", "factory"), ("sweep", "sweep"),
    ];

    /// <summary>
    /// The tool id for a tool name. A known name (or a name containing a distinctive tool word) gives that tool;
    /// any other non-empty name gives <see cref="OtherAi"/>. The model never identifies the tool (Claude models run in
    /// Cursor and Copilot too): a model with no usable tool name gives <see cref="OtherAi"/>. Returns null only when
    /// neither says anything (both empty, or the tool is literally "unknown" and there is no model).
    /// </summary>
    public static string? Normalize(string? rawToolName, string? modelId)
    {
        var key = Canonical(rawToolName);
        if (key.Length > 0 && key != "unknown")
        {
            if (Aliases.TryGetValue(key, out var tool))
            {
                return tool;
            }

            var words = key.Split('-', '/');
            foreach (var (word, id) in Words)
            {
                if (words.Contains(word))
                {
                    return id;
                }
            }

            return OtherAi;
        }

        return string.IsNullOrWhiteSpace(modelId) ? null : OtherAi;
    }

    private static string Canonical(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var key = name.Trim().ToLowerInvariant().Replace("[bot]", "", StringComparison.Ordinal);
        return string.Join('-', key.Split(['_', ' ', '.', '-'], StringSplitOptions.RemoveEmptyEntries));
    }
}
