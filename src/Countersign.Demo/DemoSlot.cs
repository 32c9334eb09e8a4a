namespace Countersign.Demo;

/// <summary>
/// A kind of commit the plan will make (and its variant: AI marker style, bot, trap index). <see cref="Quotas"/> is
/// the demo's mix; the shares of AI, bot and human work come from here.
/// </summary>
internal sealed record DemoSlot(string Kind, string? Variant)
{
    public static List<DemoSlot> Quotas(int traps)
    {
        var slots = new List<DemoSlot>();
        void Add(string kind, string? variant, int count) => slots.AddRange(Enumerable.Repeat(new DemoSlot(kind, variant), count));

        Add("human", null, 112);
        Add("declared", null, 4);
        Add("ai", "claude-code", 24);
        Add("ai", "claude-opus", 6);
        Add("ai", "claude-kernel", 6);
        Add("ai", "copilot", 12);
        Add("ai", "cursor", 17);
        Add("ai", "aider", 10);
        Add("ai", "codex", 13);
        Add("ai", "devin", 7);
        Add("ai", "amp", 9);
        Add("ai", "crush", 6);
        Add("note-only", "cursor", 2);
        Add("note-only", "claude", 1);
        Add("trace-only", "claude-code", 1);
        Add("review", "coderabbit", 3);
        Add("review", "copilot", 3);
        Add("bot", "dependabot", 16);
        Add("bot", "renovate", 8);
        Add("bot", "release", 6);
        Add("revert", null, 4);
        Add("fix", null, 6);
        Add("merge", null, 9);
        for (var i = 0; i < traps; i++)
        {
            Add("trap", i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
        }

        return slots;
    }
}
