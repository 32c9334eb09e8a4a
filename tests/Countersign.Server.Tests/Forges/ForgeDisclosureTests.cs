using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Forges;
using Countersign.Testing;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// A request's labels and its description's checked disclosure boxes make a change with no AI marker in its commits
/// AI-assisted, and the result says so; an unchecked box, a negation or a plain mention does not.
/// </summary>
public sealed class ForgeDisclosureTests
{
    [Fact]
    public async Task A_disclosure_label_or_a_checked_box_marks_a_human_looking_change_ai_assisted_and_non_disclosures_do_not()
    {
        await using var story = await ForgeStory.StartAsync();
        story.Shop.Repo.Git("checkout -q -b feature/plain main");
        story.Shop.Repo.Commit("payments: plain refunds", new Dictionary<string, string> { ["services/payments/plain.go"] = "package payments\n" }, author: ShopRepository.Dana);
        story.Shop.Repo.Git("checkout -q main");
        var head = story.PullHead(20, "feature/plain");

        // No disclosure: the commits say nothing, so neither does the change.
        const string quiet = """
            ## Checklist
            - [x] Tests added
            - [ ] This change was AI-assisted
            - [x] No AI was used
            We talked about Copilot in the meeting, and about AI-assisted changes in general.
            ```
            - [x] AI-assisted
            ```
            <!-- - [x] AI-assisted -->
            """;
        await story.OpenAsync(story.Request(20, head, body: quiet, labels: ["bug", "payments"], headRef: "feature/plain"));
        var plain = await story.ChangeAsync("pull/20");
        Assert.Equal("unknown", plain.Provenance);
        Assert.Equal("satisfied", plain.Status);

        // The label.
        await story.OpenAsync(story.Request(20, head, body: quiet, labels: ["bug", "ai-assisted"], headRef: "feature/plain"), "labeled");
        var labelled = await story.ChangeAsync("pull/20");
        Assert.Equal("ai", labelled.Provenance);
        Assert.Equal("pending", labelled.Status);
        Assert.Contains("PR label `ai-assisted`", Texts(labelled.Result!));

        // The checked box (and no label).
        const string disclosed = """
            ## AI disclosure
            - [x] I used Claude Code to write parts of this change
            - [ ] No AI was used
            """;
        await story.OpenAsync(story.Request(20, head, body: disclosed, labels: ["bug"], headRef: "feature/plain"), "edited");
        var boxed = await story.ChangeAsync("pull/20");
        Assert.Equal("ai", boxed.Provenance);
        Assert.Contains("claude-code", boxed.Tools);
        Assert.Contains("PR description: checked 'I used Claude Code to write parts of this change'", Texts(boxed.Result!));
    }

    /// <summary>Every string of the result tree, one per line (the JSON form escapes backticks).</summary>
    private static string Texts(System.Text.Json.Nodes.JsonNode node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => string.Join("\n", o.Select(p => p.Value is null ? "" : Texts(p.Value))),
        System.Text.Json.Nodes.JsonArray a => string.Join("\n", a.Select(v => v is null ? "" : Texts(v))),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => "",
    };
}
