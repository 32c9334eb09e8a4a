namespace Countersign.Demo;

/// <summary>
/// How each AI tool really marks the commits it helps with (identities and trailers exactly as in ANCHORS §1).
/// Variants are the demo's own names; <see cref="ToolId"/> maps them to Countersign's tool ids.
/// </summary>
internal static class DemoAiStyles
{
    public static readonly DemoSignature CopilotAgent = new("Copilot", "198982749+Copilot@users.noreply.github.com", TimeSpan.Zero);
    public static readonly DemoSignature Devin = new("Devin AI", "158243242+devin-ai-integration[bot]@users.noreply.github.com", TimeSpan.Zero);

    public const string ClaudeTrailer = "Co-Authored-By: Claude <noreply@anthropic.com>";
    public const string ClaudeOpusTrailer = "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>";
    public const string ClaudeFooter = "🤖 Generated with [Claude Code](https://claude.com/claude-code)";
    public const string ClaudeFooterOld = "🤖 Generated with [Claude Code](https://claude.ai/code)";
    public const string KernelTrailer = "Assisted-by: Claude:Opus-4.8";
    public const string CursorTrailer = "Co-authored-by: Cursor Agent <cursoragent@cursor.com>";
    public const string CursorMadeWith = "Made-with: Cursor";
    public const string CodexTrailer = "Co-authored-by: Codex <noreply@openai.com>";
    public const string AmpTrailer = "Co-authored-by: Amp <amp@ampcode.com>";
    public const string CrushTrailer = "Assisted-by: Crush:claude-sonnet-4";
    public const string AiderTrailer = "Co-authored-by: aider (anthropic/claude-sonnet-4-5) <aider@aider.chat>";
    public const string CodeRabbitTrailer = "Co-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>";
    public const string CopilotSuggestionTrailer = "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>";

    /// <summary>The demo's marker variants, in the order the plan uses them.</summary>
    public static readonly IReadOnlyList<string> Variants =
        ["claude-code", "claude-opus", "claude-kernel", "copilot", "cursor", "aider", "codex", "devin", "amp", "crush"];

    public static string ToolId(string variant) => variant switch
    {
        "claude-opus" or "claude-kernel" => "claude-code",
        _ => variant,
    };

    public static DemoAuthorship Apply(string variant, DemoPerson human, string subject, string body, Random random)
    {
        var me = human.Signature;
        var text = string.IsNullOrEmpty(body) ? "" : body + "\n\n";
        return variant switch
        {
            "claude-code" => new(me, me, $"{subject}\n\n{text}{(random.Next(4) == 0 ? ClaudeFooterOld : ClaudeFooter)}\n\n{ClaudeTrailer}\n"),
            "claude-opus" => new(me, me, $"{subject}\n\n{text}{ClaudeFooter}\n\n{ClaudeOpusTrailer}\n"),
            "claude-kernel" => new(me, me, $"{subject}\n\n{text}{KernelTrailer}\nSigned-off-by: {me}\n"),
            "copilot" => new(CopilotAgent, DemoPeople.GitHubWeb, $"{subject}\n\n{text}Co-authored-by: {human.Handle} <{human.GitHubNoReplyEmail}>\n"),
            "cursor" => new(me, me, $"{subject}\n\n{text}{(random.Next(3) switch { 0 => CursorTrailer, 1 => CursorMadeWith, _ => $"{CursorMadeWith}\n{CursorTrailer}" })}\n"),
            "aider" => Aider(human, subject, body, random),
            "codex" => new(me, me, $"{subject}\n\n{text}{CodexTrailer}\n"),
            "devin" => new(Devin, Devin, $"{subject}\n\n{text}Link to Devin run: https://app.devin.ai/sessions/{Hex(random, 32)}\nRequested by: {human.Name} (@{human.Handle})\n"),
            "amp" => new(me, me, $"{subject}\n\n{text}Amp-Thread-ID: https://ampcode.com/threads/T-{DemoIds.Uuid(random)}\n{AmpTrailer}\n"),
            "crush" => new(me, me, $"{subject}\n\n{text}{(random.Next(2) == 0 ? "💘 Generated with Crush\n\n" : "")}{CrushTrailer}\n"),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown AI marker variant"),
        };
    }

    /// <summary>An accepted AI review suggestion, committed by the human with the review bot as co-author.</summary>
    public static DemoAuthorship ReviewSuggestion(string bot, DemoPerson human, string body) =>
        new(human.Signature, human.Signature,
            $"Apply suggestions from code review\n\n{body}\n\n{(bot == "coderabbit" ? CodeRabbitTrailer : CopilotSuggestionTrailer)}\n");

    private static DemoAuthorship Aider(DemoPerson human, string subject, string body, Random random)
    {
        // Aider renames author and committer "<name> (aider)"; the subject prefix and co-author trailer are options.
        var aider = new DemoSignature($"{human.Name} (aider)", human.Email, human.UtcOffset);
        var parts = new List<string> { random.Next(2) == 0 ? $"aider: {subject}" : subject };
        if (body.Length > 0)
        {
            parts.Add(body);
        }

        if (random.Next(3) == 0)
        {
            parts.Add(AiderTrailer);
        }

        return new(aider, aider, string.Join("\n\n", parts) + "\n");
    }

    private static string Hex(Random random, int length) => DemoIds.Hex(random, length);
}
