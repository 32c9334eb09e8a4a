using Countersign.Core.Diagnostics;
using Countersign.Core.Provenance.Lines;

namespace Countersign.Core.Tests.Provenance.Lines;

public sealed class GitAiNoteParserTests
{
    private const string MixedNote = """
        src/main.rs
          s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15-20
          s_c9883b05a2487d::t_a1b2c3d4e5f678 25,30-35
          h_31dce776f88375 42-50
        "docs/getting started.md"
          abcd1234abcd1234 1-4,9,12-20
        ---
        {
          "schema_version": "authorship/3.0.0",
          "git_ai_version": "1.4.5",
          "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
          "prompts": {
            "abcd1234abcd1234": {
              "agent_id": { "tool": "cursor", "id": "6ef2299e", "model": "claude-4-sonnet" },
              "human_author": "Dev <dev@example.com>",
              "total_additions": 25, "total_deletions": 5, "accepted_lines": 14, "overriden_lines": 2
            }
          },
          "humans": { "h_31dce776f88375": { "author": "Dev <dev@example.com>" } },
          "sessions": {
            "s_c9883b05a2487d": {
              "agent_id": { "tool": "claude", "id": "conv_abc123", "model": "claude-sonnet-4-5-20250514" },
              "human_author": "dev@example.com"
            }
          }
        }
        """;

    [Fact]
    public void AWellFormedNoteWithAllThreeKeyFormatsParsesWithoutDiagnostics()
    {
        var result = GitAiNoteParser.Parse(MixedNote, "note");

        Assert.Empty(result.Diagnostics);
        var note = Assert.IsType<GitAiNote>(result.Note);
        Assert.Equal("authorship/3.0.0", note.SchemaVersion);
        Assert.Equal("7734793b756b3921c88db5375a8c156e9532447b", note.BaseCommitSha);
        Assert.Equal(["src/main.rs", "docs/getting started.md"], note.Files.Select(f => f.Path));

        var main = note.Files[0].Entries;
        Assert.Equal([GitAiKeyKind.Session, GitAiKeyKind.Session, GitAiKeyKind.Human], main.Select(e => e.Kind));
        Assert.Equal([new LineRange(1, 10), new LineRange(15, 20)], main[0].Ranges);
        Assert.Equal([new LineRange(25, 25), new LineRange(30, 35)], main[1].Ranges);

        var legacy = note.Files[1].Entries.Single();
        Assert.Equal(GitAiKeyKind.LegacyPrompt, legacy.Kind);
        Assert.Equal([new LineRange(1, 4), new LineRange(9, 9), new LineRange(12, 20)], legacy.Ranges);
    }

    [Fact]
    public void SessionKeysResolveBySessionIdAndLegacyKeysByPromptHash()
    {
        var note = GitAiNoteParser.Parse(MixedNote, "note").Note!;

        var session = note.ResolveAgent(note.Files[0].Entries[1]);
        Assert.Equal(("claude", "claude-sonnet-4-5-20250514"), (session?.Tool, session?.Model));

        var prompt = note.ResolveAgent(note.Files[1].Entries[0]);
        Assert.Equal(new GitAiAgentRecord("cursor", "6ef2299e", "claude-4-sonnet", "Dev <dev@example.com>", 14, 2), prompt);

        Assert.Null(note.ResolveAgent(note.Files[0].Entries[2]));
        Assert.Equal("Dev <dev@example.com>", note.Humans["h_31dce776f88375"]);
    }

    [Fact]
    public void ABackwardRangeIsReportedAtItsColumnAndTheRestOfTheEntryIsKept()
    {
        const string text = "src/a.cs\n  abcd1234abcd1234 1-3,5-2,8\n---\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"x\",\"prompts\":{\"abcd1234abcd1234\":{\"agent_id\":{\"tool\":\"aider\"}}}}";

        var result = GitAiNoteParser.Parse(text, "refs/notes/ai:abc");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal((2, 24), (error.Line, error.Column));
        Assert.Contains("5-2", error.Message);
        Assert.Equal([new LineRange(1, 3), new LineRange(8, 8)], result.Note!.Files[0].Entries[0].Ranges);
    }

    [Fact]
    public void NonNumericAndZeroLineNumbersAreErrors()
    {
        const string text = "a.cs\n  abcd1234abcd1234 0,x-4,7\n---\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"x\",\"prompts\":{\"abcd1234abcd1234\":{\"agent_id\":{\"tool\":\"aider\"}}}}";

        var result = GitAiNoteParser.Parse(text, "note");

        Assert.Equal([(2, 20), (2, 22)], result.Diagnostics.Select(d => (d.Line!.Value, d.Column!.Value)));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal([new LineRange(7, 7)], result.Note!.Files[0].Entries[0].Ranges);
    }

    [Fact]
    public void AMissingDividerIsReportedWhereTheJsonStartsAndTheJsonIsStillRead()
    {
        const string text = "src/a.cs\n  abcd1234abcd1234 1-2\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"x\",\"prompts\":{\"abcd1234abcd1234\":{\"agent_id\":{\"tool\":\"codex\"}}}}\n";

        var result = GitAiNoteParser.Parse(text, "note");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 3), (error.Severity, error.Line));
        Assert.Contains("'---'", error.Message);
        Assert.Equal("codex", result.Note!.Prompts["abcd1234abcd1234"].Tool);
        Assert.Single(result.Note.Files);
    }

    [Fact]
    public void ANoteWithOnlyAnAttestationSectionKeepsItsLines()
    {
        var result = GitAiNoteParser.Parse("src/a.cs\n  h_31dce776f88375 1-5\n", "note");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(2, error.Line);
        Assert.Equal(GitAiKeyKind.Human, result.Note!.Files[0].Entries[0].Kind);
    }

    [Fact]
    public void BadJsonIsReportedAtTheNoteLineAndColumnOfTheSyntaxError()
    {
        const string text = "src/a.cs\n  abcd1234abcd1234 1-2\n---\n{\n  \"schema_version\": \"authorship/3.0.0\",\n  \"prompts\": { oops }\n}";

        var result = GitAiNoteParser.Parse(text, "note");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 6, 16), (error.Severity, error.Line, error.Column)); // the "o" of oops
        Assert.StartsWith("metadata is not valid JSON", error.Message);
        Assert.Equal([new LineRange(1, 2)], result.Note!.Files[0].Entries[0].Ranges);
        Assert.Empty(result.Note.Prompts);
    }

    [Fact]
    public void AnotherAuthorshipSchemaVersionIsReadWithAWarning()
    {
        const string text = "a.cs\n  abcd1234abcd1234 3\n---\n{\"schema_version\":\"authorship/4.0.0\",\"base_commit_sha\":\"x\",\"prompts\":{\"abcd1234abcd1234\":{\"agent_id\":{\"tool\":\"cursor\"},\"overridden_lines\":4}}}";

        var result = GitAiNoteParser.Parse(text, "note");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, "schema_version"), (warning.Severity, warning.Field));
        Assert.Equal(4, result.Note!.Prompts["abcd1234abcd1234"].OverriddenLines);
    }

    [Fact]
    public void SevenCharacterLegacyKeysAreAcceptedAndUnresolvedKeysAreWarnedOnce()
    {
        const string text = "a.cs\n  abc1234 1-2\n  s_00000000000000::t_11111111111111 4\nb.cs\n  abc1234 7\n---\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"x\",\"prompts\":{}}";

        var result = GitAiNoteParser.Parse(text, "note");

        Assert.Equal([(2, "abc1234"), (3, "s_00000000000000::t_11111111111111")],
            result.Diagnostics.Select(d => (d.Line!.Value, d.Message.Split('\'')[1])));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(GitAiKeyKind.LegacyPrompt, result.Note!.Files[1].Entries[0].Kind);
    }

    [Fact]
    public void TabIndentedEntriesAndCrLfLineEndingsAreTolerated()
    {
        const string text = "a.cs\r\n\tabcd1234abcd1234 1-2\r\n---\r\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"x\",\"prompts\":{\"abcd1234abcd1234\":{\"agent_id\":{\"tool\":\"cursor\"}}}}\r\n";

        var result = GitAiNoteParser.Parse(text, "note");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, 2), (warning.Severity, warning.Line));
        Assert.Equal([new LineRange(1, 2)], result.Note!.Files[0].Entries[0].Ranges);
    }

    [Fact]
    public void AnEntryBeforeAnyPathAndAnUnclosedQuoteAreErrors()
    {
        const string text = "  abcd1234abcd1234 1\n\"src/my file.cs\n  abcd1234abcd1234 2\n---\n{\"schema_version\":\"authorship/3.0.0\",\"base_commit_sha\":\"x\",\"prompts\":{\"abcd1234abcd1234\":{\"agent_id\":{\"tool\":\"cursor\"}}}}";

        var result = GitAiNoteParser.Parse(text, "note");

        Assert.Equal([1, 2], result.Diagnostics.Select(d => d.Line!.Value));
        Assert.Equal("src/my file.cs", result.Note!.Files.Single().Path);
    }

    [Fact]
    public void AnEmptyNoteYieldsNoNote()
    {
        var result = GitAiNoteParser.Parse("  \n", "note");

        Assert.Null(result.Note);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(result.Diagnostics).Severity);
    }

    [Theory]
    [InlineData("---")]
    [InlineData("\"")]
    [InlineData("\"\"\n  abc 1")]
    [InlineData("a\n  k\n  k 1-99999999999,-,,3-\n---\n[]")]
    [InlineData("{\n---\n{\"prompts\":[],\"sessions\":{\"s_x\":1},\"humans\":7,\"schema_version\":3}")]
    [InlineData("\0\n\t\n---\n\"x\"")]
    public void GarbageNeverThrowsAndIsAlwaysDiagnosed(string text)
    {
        var result = GitAiNoteParser.Parse(text, "note");

        Assert.NotEmpty(result.Diagnostics);
    }
}
