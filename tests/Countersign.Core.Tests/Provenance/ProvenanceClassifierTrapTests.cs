using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Signatures;
using static Countersign.Core.Tests.Provenance.ClassifierHarness;

namespace Countersign.Core.Tests.Provenance;

/// <summary>False-positive traps seen in real repositories: a plain mention of a tool never counts.</summary>
public sealed class ProvenanceClassifierTrapTests
{
    public static readonly TheoryData<string, string> Traps = new()
    {
        { "version bump", "Bump Claude Code to 2.1\n\nUpdates the pinned CLI used by the docs job.\n" },
        { "review feedback", "Address Copilot feedback\n\nRename the helper as suggested in review.\n" },
        { "footer removal", "Remove the 'Generated with Claude Code' footer\n\nWe no longer add the 'Generated with Claude Code' line to commits.\n" },
        { "footer text inside a sentence", "Docs\n\nOur bot used to append 🤖 Generated with [Claude Code](https://claude.ai/code) to commits.\n" },
        { "footer in quotes", "Docs\n\n\"Generated with Crush\"\n" },
        { "cursor position", "fix cursor position after paste\n\nThe cursor jumped to the end of the line.\n" },
        { "sign-off only", "Fix race in scheduler\n\nSigned-off-by: Alice Human <alice@example.com>\n" },
        { "human co-author", "Pair on parser\n\nCo-authored-by: Bob Builder <bob@example.com>\n" },
        { "human named claude", "Pair on parser\n\nCo-authored-by: Claude Dupont <claude@example.com>\n" },
        { "trailer as the only line", "Co-Authored-By: Claude <noreply@anthropic.com>\n" },
        { "trailer under the subject without blank line", "Fix it\nCo-Authored-By: Claude <noreply@anthropic.com>\n" },
        { "trailer in a middle paragraph", "Fix it\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n\nMore explanation follows here.\n" },
        { "squash body quoting an ai commit in the middle", "Release 1.4 (#88)\n\n* Add exporter\n\n  Co-authored-by: Claude <noreply@anthropic.com>\n\n* Fix exporter\n\n  Made-with: Cursor\n\n* Update changelog\n" },
        { "trailer in a fenced code block", "Document trailers\n\nUse this format:\n\n```\nCo-Authored-By: Claude <noreply@anthropic.com>\n```\n" },
        { "footer in a fenced code block", "Document footers\n\nExample:\n\n```\n🤖 Generated with [Claude Code](https://claude.ai/code)\n```\n" },
        { "footer in a tilde fence", "Document footers\n\n~~~text\nGenerated with Crush\n~~~\n" },
        { "footer in a quote block", "Revert bad commit\n\nThe original said:\n\n> 🤖 Generated with [Claude Code](https://claude.ai/code)\n> Co-Authored-By: Claude <noreply@anthropic.com>\n" },
        { "trailer after a quote", "Revert\n\n> Co-Authored-By: Claude <noreply@anthropic.com>\n" },
        { "footer far from the end", "Big change\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n\n" + string.Concat(Enumerable.Range(1, 16).Select(i => $"- item {i}\n")) },
        { "capitalised aider subject", "Aider: improve repo map ranking\n" },
        { "aider mentioned in subject", "Update aider: docs link\n" },
        { "made-with another tool", "Site\n\nMade-with: Hugo\n" },
        { "claude session on another host", "Fix\n\nClaude-Session: local-notes\n" },
        { "assisted-by a human with e-mail", "Fix\n\nAssisted-by: Jane Doe <jane@example.com>\nSigned-off-by: Alice Human <alice@example.com>\n" },
        { "assisted-by a human without e-mail", "Fix\n\nAssisted-by: Jane Doe\n" },
        { "co-developed-by a human", "Fix\n\nCo-developed-by: Jane Doe <jane@example.com>\nSigned-off-by: Jane Doe <jane@example.com>\nSigned-off-by: Alice Human <alice@example.com>\n" },
        { "co-developed-by a human named like a tool", "Fix\n\nCo-developed-by: Claude Dupont <claude.dupont@example.fr>\nSigned-off-by: Claude Dupont <claude.dupont@example.fr>\n" },
        { "generated-by a code generator", "Regenerate stubs\n\nGenerated-by: protoc-gen-go v1.34\n" },
        { "generated-by openapi generator", "Regenerate client\n\nGenerated-by: openapi-generator 7.5\n" },
        { "ai word in a non-naming trailer", "Docs\n\nTopic: AI policy\n" },
        { "unrelated noreply address", "Docs\n\nCo-authored-by: Someone <noreply@example.com>\n" },
        { "web-flow committer alone", "Merge pull request #12 from x/y\n" },
    };

    [Theory]
    [MemberData(nameof(Traps))]
    public void APlainMentionOfAToolIsNotEvidence(string row, string message)
    {
        var result = Classify(message, committer: WebFlow);

        Assert.True(result.Status == ProvenanceStatus.Unknown && result.Evidence.Count == 0,
            $"{row}: got {result.Status} with {string.Join("; ", result.Evidence)}");
    }

    [Fact]
    public void ASquashWithRealFinalCoAuthorTrailersCounts()
    {
        const string message = "Release 1.4 (#88)\n\n* Add exporter\n\n* Fix exporter\n\n---------\n\nCo-authored-by: Bob Builder <bob@example.com>\nCo-authored-by: Claude <noreply@anthropic.com>\n";

        var result = Classify(message, committer: WebFlow);

        Assert.Equal((ProvenanceStatus.Ai, "claude-code"), (result.Status, Assert.Single(result.Tools)));
    }

    [Theory]
    [InlineData("dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>")]
    [InlineData("renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>")]
    [InlineData("github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>")]
    public void AutomationAuthorsStayUnknownButAreFlaggedAsAutomation(string author)
    {
        var result = Classify("Bump lodash from 4.17.20 to 4.17.21\n\nSigned-off-by: dependabot[bot] <support@github.com>\n", author, WebFlow);

        Assert.Equal(ProvenanceStatus.Unknown, result.Status);
        Assert.Empty(result.Evidence);
        Assert.True(SignatureCatalog.Default.IsAutomation(Identity(author)));
    }
}
