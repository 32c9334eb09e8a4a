using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Ownership.Catalog;
using Countersign.Core.Ownership.Codeowners;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Provenance;
using Countersign.Core.Provenance.Lines;
using Countersign.Core.Provenance.Signatures;
using Countersign.Core.Provenance.Trailers;

namespace Countersign.Fuzz;

/// <summary>The parsers in Core. None of them may throw: bad input is a diagnostic.</summary>
internal static class CoreTargets
{
    private const string OrgYaml = """
        levels: [intern, junior, mid, senior, staff, principal]
        teams:
          - id: payments
        people:
          - id: erin
            emails: [erin@acme.example]
            github: erin-s
            level: senior
            teams: [payments]
          - id: jo
            emails: [jo@acme.example]
            level: junior
            manager: erin
        """;

    private static readonly string[] Paths = ["src/app.cs", "docs/a/b.md", "README", ".github/CODEOWNERS", "a/b/c/d/e/f.txt", "ünï/cødé.rs", "x y/[z].js"];

    private static readonly Lazy<OrgDirectory> Org = new(() => OrgDirectoryReader.Read(OrgYaml, "org.yaml").Directory);

    private static readonly Lazy<ProvenanceClassifier> Classifier = new(() => new ProvenanceClassifier(SignatureCatalog.Default));

    private static readonly string[] TrailerTokens =
    [
        ": ", "\n\n", "\n---\n", "Co-authored-by: ", "Assisted-by: ", "Generated-by: ", "Signed-off-by: ", "(cherry picked from commit ", "Claude-Session: ",
        "https://claude.ai/code/session_01", "🤖 Generated with [Claude Code](https://claude.com/claude-code)", " <noreply@anthropic.com>", "Asissted-by: ",
        "\n    continued", "#", "[", "]", "diff --git a/x b/x\n", "Change-Id: I", "AI-Tool: none",
    ];

    private static readonly string[] NoteTokens = ["\n---\n", "  ", "s_", "::t_", "h_", "-", ",", "1-", "\"", "abcd1234abcd1234 ", "\"prompts\":", "\"sessions\":", "\"agent_id\":"];

    private static readonly string[] CodeownersTokens =
    [
        "*", "**", "/**/", "?", "[", "]", "[!a]", "\\", "\\ ", "@", "@org/team", "a@b.c", "#", "!", "^", "[Section]", "^[Optional][2]", "[Sect] @x", " ", "/", "//",
        "{a,b}", "\n", "\r", ".", "..", "~",
    ];

    private static readonly string[] MailmapTokens = ["<", ">", "<>", " <a@b> ", "#", "\n", "\r", " ", "<a@b> <c@d>", "Name <a@b> Other <c@d>"];

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("trailers", Trailers, null, TrailerTokens),
        new("git-ai-notes", text => GitAiNoteParser.Parse(text, "refs/notes/ai:fuzz"), null, [.. NoteTokens, .. FuzzTokens.Json]),
        new("agent-trace", AgentTrace, null, FuzzTokens.Json),
        new("policy", text => PolicyLoader.Load(text, ".countersign/policy.yaml", Org.Value, _ => null), null, [.. FuzzTokens.Yaml, .. FuzzTokens.YamlBombs]),
        new("org", text => OrgDirectoryReader.Read(text, "org.yaml"), null, [.. FuzzTokens.Yaml, .. FuzzTokens.YamlBombs]),
        new("codeowners", Codeowners, null, CodeownersTokens),
        new("catalog", Catalog, null, [.. FuzzTokens.Yaml, .. FuzzTokens.YamlBombs]),
        new("signatures", Signatures, null, [.. FuzzTokens.Yaml, .. FuzzTokens.YamlBombs]),
        new("mailmap", Mailmap, null, MailmapTokens),
    ];

    private static void Trailers(string message)
    {
        TrailerParser.Parse(message);
        TrailerParser.Parse(message, stopAtPatchDivider: true);
        var who = new GitIdentity("Jo", "jo@acme.example", DateTimeOffset.UnixEpoch);
        Classifier.Value.Classify(who, who, message);
    }

    private static void AgentTrace(string content)
    {
        AgentTraceParser.ParseJsonLines(content, "traces.jsonl");
        AgentTraceParser.ParseJson(content, "trace.json");
    }

    private static void Codeowners(string text)
    {
        foreach (var flavor in (CodeownersFlavor[])[CodeownersFlavor.GitHub, CodeownersFlavor.GitLab])
        {
            var file = CodeownersParser.Parse(text, "CODEOWNERS", flavor).File;
            foreach (var path in Paths)
            {
                file.Match(path);
            }
        }
    }

    private static void Catalog(string text)
    {
        var catalog = CatalogReader.Read([(text, "catalog-info.yaml")]).Catalog;
        foreach (var path in Paths)
        {
            catalog.ComponentsForPath(path);
        }

        catalog.ToServiceGraph();
    }

    private static void Signatures(string text)
    {
        var catalog = SignatureCatalog.Parse(text, "tool-signatures.yaml").Catalog;
        if (catalog is not null)
        {
            var who = new GitIdentity("Jo", "jo@acme.example", DateTimeOffset.UnixEpoch);
            new ProvenanceClassifier(catalog).Classify(who, who, "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\nAssisted-by: Copilot\n");
        }
    }

    private static void Mailmap(string text)
    {
        var mailmap = Core.Organisation.Mailmap.Parse(text, ".mailmap").Mailmap;
        mailmap.Map("Dana", "dana@old.example");
        mailmap.Map("", "");
        mailmap.Map("Jo Junior", "SHARED@acme.example");
    }
}
