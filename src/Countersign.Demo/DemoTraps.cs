namespace Countersign.Demo;

/// <summary>
/// The false-positive traps of ANCHORS §1, each as a human commit with no real marker: plain mentions, a
/// declaration, and markers that appear outside the final trailer block (quoted, in a code block, mid-body).
/// </summary>
internal static class DemoTraps
{
    public static IReadOnlyList<DemoTrap> All(DemoSourceTree tree, DemoWorkGenerator work) =>
    [
        new("bump-claude-code", DemoPeople.Priya,
            "Bump Claude Code to 2.1\n\nThe dev container now installs @anthropic-ai/claude-code 2.1.4 for the people who use it.\n",
            false, () => tree.SetText(DemoScaffold.DevTools, Lines(tree, DemoScaffold.DevTools).Select(l => l.Replace("2.0.76", "2.1.4", StringComparison.Ordinal)))),
        new("address-copilot-feedback", DemoPeople.Sofia,
            "Address Copilot feedback on retry logic\n\nThe review bot pointed out that captures were retried even when the\nprovider had already accepted them. Only timeouts are retried now.\n",
            false, () => work.Tune(DemoAreas.Payments)),
        new("remove-claude-footer", DemoPeople.Priya,
            "Remove the 'Generated with Claude Code' footer from templates\n\nThat footer belongs in commits made by the tool, not in our PR template.\n",
            false, () => tree.SetText(DemoScaffold.PullRequestTemplate, Lines(tree, DemoScaffold.PullRequestTemplate).SkipLast(2))),
        new("cursor-position", DemoPeople.Daniel,
            "Fix cursor position in search box\n\nThe caret jumped to the end of the input after autocomplete replaced the query.\n",
            false, () => work.Tune(DemoAreas.Catalog)),
        new("no-ai-declaration", DemoPeople.Marcus,
            "checkout: simplify discount rounding\n\nRounding now happens once, after all discounts are applied.\n\nNo AI was used.\n",
            true, () => work.Tune(DemoAreas.Checkout)),
        new("squash-quoting-trailer", DemoPeople.Marcus,
            "checkout: cart totals refactor (#241)\n\n* Extract CartTotals from the order service\n\n" +
            "* Port the tax fix from the legacy repo, whose commit read:\n\nFix tax rounding for zero-rated items\n" +
            "Co-Authored-By: Claude <noreply@anthropic.com>\n\n* Tests for CartTotals\n\nThe port was redone by hand; see the PR for the discussion.\n",
            false, () => work.Tune(DemoAreas.Checkout)),
        new("marker-in-code-block", DemoPeople.Priya,
            "docs: describe how to declare AI assistance\n\nExamples of the trailers our tools add, for reviewers:\n\n```\n" +
            "Co-authored-by: Cursor Agent <cursoragent@cursor.com>\nAssisted-by: Claude:Opus-4.8\n```\n\nWritten by hand while drafting the review policy.\n",
            false, () => tree.SetText("docs/ai-assistance.md", ["# Declaring AI assistance", "", "Keep the trailers your tool adds.",
                "Reviewers rely on them to route changes for sign-off.", "", "```", DemoAiStyles.CursorTrailer, DemoAiStyles.KernelTrailer, "```"])),
        new("quoted-trailer", DemoPeople.Hannah,
            "search: drop stale synonyms\n\nA review comment on #288 asked whether this needed the line\n\n" +
            "> Co-authored-by: Claude <noreply@anthropic.com>\n\nIt does not: the synonym list was cleaned up by hand.\n",
            false, () => work.Tune(DemoAreas.Search)),
    ];

    private static List<string> Lines(DemoSourceTree tree, string path) => [.. tree.Render(path).TrimEnd('\n').Split('\n')];
}
