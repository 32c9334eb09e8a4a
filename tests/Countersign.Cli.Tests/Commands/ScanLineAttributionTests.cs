using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

public sealed class ScanLineAttributionTests
{
    private static Dictionary<string, JsonElement> ScanToObjects(TempGitRepo repo, out JsonElement summary, params string[] extra)
    {
        var dir = TempGitRepo.NewTempDirectory("attr");
        var outFile = Path.Combine(dir, "commits.jsonl");
        var (code, stdout, stderr) = CliRunner.Run(repo.Path, ["scan", "--json", "--db", Path.Combine(dir, "scan.db"), "--commits-out", outFile, .. extra]);
        Assert.True(code == 0, stderr);
        summary = JsonDocument.Parse(stdout).RootElement;
        return File.ReadLines(outFile).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("sha").GetString()!);
    }

    [Fact]
    public void AGitAiNoteMakesAnUnmarkedCommitAiAssistedWithLineCounts()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("base", new Dictionary<string, string> { ["src/app.py"] = "a\n" });
        var sha = repo.Commit("Add parser", new Dictionary<string, string> { ["src/app.py"] = "a\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n")) });
        var note = $$$$"""
            src/app.py
              s_0123456789abcd::t_0123456789abcd 2-7
              h_abcdef01234567 8-9
            ---
            {"schema_version":"authorship/3.0.0","base_commit_sha":"{{{{sha}}}}","prompts":{},"sessions":{"s_0123456789abcd":{"agent_id":{"tool":"cursor","id":"x","model":"claude-4-sonnet"},"human_author":"Dana <dana@acme.example>"}},"humans":{"h_abcdef01234567":{"author":"Dana <dana@acme.example>"}}}
            """;
        File.WriteAllText(Path.Combine(repo.Path, "note.txt"), note);
        repo.Git($"notes --ref=ai add -F note.txt {sha}");
        File.Delete(Path.Combine(repo.Path, "note.txt"));

        var commits = ScanToObjects(repo, out _);

        var ai = commits[sha].GetProperty("ai");
        Assert.Equal("ai", ai.GetProperty("status").GetString());
        Assert.Contains("cursor", ai.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(6, ai.GetProperty("lines").GetProperty("ai").GetInt32());
        Assert.Equal(2, ai.GetProperty("lines").GetProperty("human").GetInt32());
        Assert.Equal(2, ai.GetProperty("lines").GetProperty("unknown").GetInt32());
        Assert.Equal("note", ai.GetProperty("evidence")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void AMalformedNoteIsReportedAndTheScanGoesOn()
    {
        using var repo = TempGitRepo.Create();
        var bad = repo.Commit("one", new Dictionary<string, string> { ["a.txt"] = "1\n2\n" });
        var good = repo.Commit("two\n\nCo-authored-by: Codex <noreply@openai.com>\n", new Dictionary<string, string> { ["b.txt"] = "1\n" });
        repo.Git($"notes --ref=ai add -m \"a.txt\" -m \"  s_0123456789abcd::t_0123456789abcd 9-2\" -m \"---\" -m \"{{not json\" {bad}");

        var commits = ScanToObjects(repo, out var summary);

        Assert.Equal(2, commits.Count);
        Assert.True(summary.GetProperty("diagnostics").GetInt32() >= 1);
        Assert.Equal("ai", commits[good].GetProperty("ai").GetProperty("status").GetString());
    }

    [Fact]
    public void AgentTraceInTheRepositoryAttributesTheCommitThatAppendedIt()
    {
        using var repo = TempGitRepo.Create();
        var parent = repo.Commit("base", new Dictionary<string, string> { ["svc/main.go"] = "package main\n" });
        var record = $$"""{"version":"0.1.0","id":"7c1a2b3c-0000-4000-8000-000000000001","timestamp":"2026-01-05T10:00:00Z","vcs":{"type":"git","revision":"{{parent}}"},"tool":{"name":"claude-code","version":"2.1.0"},"files":[{"path":"svc/main.go","conversations":[{"url":"https://example.invalid/c/1","contributor":{"type":"ai","model_id":"anthropic/claude-sonnet-4-5"},"ranges":[{"start_line":2,"end_line":4}]}]}]}""";
        var traced = repo.Commit("Add handler", new Dictionary<string, string>
        {
            ["svc/main.go"] = "package main\nfunc a() {}\nfunc b() {}\nfunc c() {}\n",
            [".agent-trace/traces.jsonl"] = record + "\n",
        });

        var commits = ScanToObjects(repo, out _);

        var ai = commits[traced].GetProperty("ai");
        Assert.Equal("ai", ai.GetProperty("status").GetString());
        Assert.Equal(["claude-code"], ai.GetProperty("tools").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal(3, ai.GetProperty("lines").GetProperty("ai").GetInt32());
        Assert.Equal("unknown", commits[parent].GetProperty("ai").GetProperty("status").GetString());
    }

    [Fact]
    public void AgentTraceFilesGivenOnTheCommandLineAttributeTheChildOfTheirRevision()
    {
        using var repo = TempGitRepo.Create();
        var parent = repo.Commit("base", new Dictionary<string, string> { ["lib/x.ts"] = "export {}\n" });
        var child = repo.Commit("Add x", new Dictionary<string, string> { ["lib/x.ts"] = "export {}\nexport const a = 1;\nexport const b = 2;\n" });
        var dir = TempGitRepo.NewTempDirectory("traces");
        File.WriteAllText(Path.Combine(dir, "traces.jsonl"),
            $$"""{"version":"1.0","id":"r1","timestamp":"2026-01-05T10:00:00Z","vcs":{"type":"git","revision":"{{parent}}"},"tool":{"name":"cursor"},"files":[{"path":"lib/x.ts","conversations":[{"contributor":{"type":"ai"},"ranges":[{"start_line":2,"end_line":3}]}]}]}""" + "\n" +
            "this line is not json\n");

        var commits = ScanToObjects(repo, out var summary, "--agent-trace", dir);

        Assert.Equal("ai", commits[child].GetProperty("ai").GetProperty("status").GetString());
        Assert.Equal(2, commits[child].GetProperty("ai").GetProperty("lines").GetProperty("ai").GetInt32());
        Assert.True(summary.GetProperty("diagnostics").GetInt32() >= 1);
    }

    [Fact]
    public void AMissingAgentTracePathIsAUsageError()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("one");

        var (code, _, stderr) = CliRunner.Run(repo.Path, "scan", "--agent-trace", "does-not-exist.jsonl");

        Assert.Equal(2, code);
        Assert.Contains("does-not-exist.jsonl", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BareShallowAndPartialClonesScanThroughTheCommand()
    {
        using var origin = TempGitRepo.Create();
        origin.Git("config uploadpack.allowFilter true");
        for (var i = 0; i < 5; i++)
        {
            origin.Commit($"change {i}\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", new Dictionary<string, string> { [$"f{i}.txt"] = $"{i}\n" });
        }

        foreach (var (args, expected) in new[] { ("--bare", 5), ("--depth 2", 2), ("--filter=blob:none --no-checkout", 5) })
        {
            using var clone = TempGitRepo.CloneFrom(origin, args);
            var dir = TempGitRepo.NewTempDirectory("clone-scan");
            var (code, stdout, stderr) = CliRunner.Run(clone.Path, "scan", "--json", "--db", Path.Combine(dir, "scan.db"));
            Assert.True(code == 0, $"{args}: {stderr}");
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(expected, json.RootElement.GetProperty("overall").GetProperty("ai").GetInt32());
        }
    }
}
