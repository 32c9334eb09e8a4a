using System.Text.RegularExpressions;
using Countersign.Demo;

namespace Countersign.Cli.Tests.Demo;

public sealed class DemoWorkspaceTests(DemoWorkspaceFixture demo) : IClassFixture<DemoWorkspaceFixture>
{
    private DemoWorkspaceInfo Info => demo.Info;

    [Fact]
    public void TheRepositoryIsValidAndItsHistoryIsExactlyTheGroundTruth()
    {
        Assert.Equal("", demo.Git("fsck --strict --no-progress").Trim());
        var oneline = demo.Git("log --oneline").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Info.Commits, oneline.Length);

        var shas = demo.Git("rev-list HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.True(shas.SetEquals(Info.Truth.Select(t => t.Sha)));
        Assert.Equal("", demo.Git("status --porcelain").Trim());
        Assert.Equal("refs/heads/main", demo.Git("for-each-ref --format=%(refname) refs/heads").Trim());
    }

    [Fact]
    public void HistorySpansSixMonthsEndingOnTheTwentiethOfNovember2026()
    {
        var dates = demo.Git("log --format=%cI").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(DateTimeOffset.Parse).ToList();
        Assert.Equal(new DateOnly(2026, 11, 20), DateOnly.FromDateTime(dates.Max().UtcDateTime));
        Assert.InRange((dates.Max() - dates.Min()).TotalDays, 170, 184);
    }

    [Fact]
    public void AboutTwoFifthsOfTheCommitsAreAiAssistedBySevenOrMoreTools()
    {
        Assert.InRange(Info.Commits, 300, 400);
        Assert.InRange(Info.AiShare, 0.35, 0.45);
        Assert.True(Info.ExpectedAiCommitsByTool.Count >= 7, string.Join(", ", Info.ExpectedAiCommitsByTool.Keys));
        Assert.Equal(Info.AiCommits, Info.ExpectedAiCommitsByTool.Values.Sum());
        Assert.True(Info.TrapCommits >= 8);
        Assert.True(Info.BotCommits > 0 && Info.AiReviewCommits > 0 && Info.DeclaredHumanCommits > 0 && Info.MergeCommits > 0);
    }

    [Theory]
    [InlineData("Co-Authored-By: Claude <noreply@anthropic.com>")]
    [InlineData("Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>")]
    [InlineData("🤖 Generated with [Claude Code](https://claude.com/claude-code)")]
    [InlineData("Assisted-by: Claude:Opus-4.8")]
    [InlineData("A: Copilot <198982749+Copilot@users.noreply.github.com>")]
    [InlineData("C: GitHub <noreply@github.com>")]
    [InlineData("Co-authored-by: Cursor Agent <cursoragent@cursor.com>")]
    [InlineData("Made-with: Cursor")]
    [InlineData("A: Alice Example (aider) <alice@acme-shop.com>")]
    [InlineData("aider: ")]
    [InlineData("Co-authored-by: Codex <noreply@openai.com>")]
    [InlineData("A: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>")]
    [InlineData("Co-authored-by: Amp <amp@ampcode.com>")]
    [InlineData("Amp-Thread-ID: https://ampcode.com/threads/T-")]
    [InlineData("Assisted-by: Crush:claude-sonnet-4")]
    [InlineData("Co-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>")]
    [InlineData("Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>")]
    [InlineData("A: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>")]
    [InlineData("A: renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>")]
    [InlineData("A: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>")]
    [InlineData("No AI was used.")]
    public void TheLogContainsEachToolsExactMarker(string marker)
    {
        var log = demo.Git("log --format=A:%x20%an%x20<%ae>%nC:%x20%cn%x20<%ce>%n%B");
        Assert.Contains(marker, log, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTrapIsAHumanCommitWithoutAnAiTrailer()
    {
        var traps = Info.Truth.Where(t => t.Trap is not null).ToList();
        Assert.Equal(8, traps.Select(t => t.Trap).Distinct().Count());
        foreach (var trap in traps)
        {
            var author = demo.Git($"log -1 --format=%an%x20<%ae> {trap.Sha}").Trim();
            Assert.Contains(DemoPeople.Engineers, p => $"{p.Name} <{p.Email}>" == author);
            var trailers = demo.Git($"log -1 --format=%(trailers:only,unfold) {trap.Sha}");
            Assert.DoesNotMatch(new Regex("anthropic|cursor|openai|ampcode|Assisted-by|Copilot", RegexOptions.IgnoreCase), trailers);
            Assert.Contains(trap.Kind, new[] { DemoCommitKind.Human, DemoCommitKind.DeclaredHuman });
        }

        Assert.Contains(traps, t => t.Subject == "Bump Claude Code to 2.1");
        Assert.Contains(traps, t => t.Subject == "Fix cursor position in search box");
    }

    [Fact]
    public void GitAiNotesExistAndClaimOnlyLinesTheirCommitAdded()
    {
        var notes = demo.Git("notes --ref=ai list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).ToList();
        Assert.InRange(notes.Count, 8, 14);
        Assert.True(notes.ToHashSet().SetEquals(Info.Truth.Where(t => t.HasGitAiNote).Select(t => t.Sha)));
        foreach (var commit in notes)
        {
            var note = demo.Git($"notes --ref=ai show {commit}");
            var (attestation, metadata) = (note[..note.IndexOf("\n---\n", StringComparison.Ordinal)], note[(note.IndexOf("\n---\n", StringComparison.Ordinal) + 5)..]);
            Assert.Contains("\"schema_version\": \"authorship/3.0.0\"", metadata, StringComparison.Ordinal);
            Assert.Contains($"\"base_commit_sha\": \"{commit}\"", metadata, StringComparison.Ordinal);
            string? file = null;
            foreach (var line in attestation.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!line.StartsWith("  ", StringComparison.Ordinal))
                {
                    file = line;
                    continue;
                }

                var (key, ranges) = (line.Trim().Split(' ')[0], line.Trim().Split(' ')[1]);
                Assert.Matches(@"^(s_[0-9a-f]{14}::t_[0-9a-f]{14}|h_[0-9a-f]{14}|[0-9a-f]{16})$", key);
                var added = AddedLines(commit, file!);
                Assert.All(Expand(ranges), n => Assert.Contains(n, added));
            }
        }
    }

    [Fact]
    public void AgentTraceRecordsNameTheParentOfTheCommitThatAppendsThem()
    {
        var traced = Info.Truth.Where(t => t.HasAgentTrace).ToList();
        Assert.NotEmpty(traced);
        foreach (var commit in traced)
        {
            var last = demo.Git($"show {commit.Sha}:.agent-trace/traces.jsonl").TrimEnd('\n').Split('\n')[^1];
            var parent = demo.Git($"rev-parse {commit.Sha}^").Trim();
            Assert.Contains($"\"revision\":\"{parent}\"", last, StringComparison.Ordinal);
            Assert.Contains("\"version\":\"0.1.0\"", last, StringComparison.Ordinal);
            Assert.Contains("\"type\":\"ai\"", last, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RevertsNameAnEarlierAiCommitAndUndoItExactly()
    {
        var reverts = Info.Truth.Where(t => t.Kind == DemoCommitKind.Revert).ToList();
        Assert.NotEmpty(reverts);
        foreach (var revert in reverts)
        {
            var target = Info.Truth.Single(t => t.Sha == revert.RefersTo);
            Assert.Equal(DemoCommitKind.Ai, target.Kind);
            Assert.Contains($"This reverts commit {target.Sha}.", demo.Git($"log -1 --format=%B {revert.Sha}"), StringComparison.Ordinal);
            Assert.Equal(demo.Git($"diff {target.Sha}^ {target.Sha}"), demo.Git($"diff {revert.Sha} {revert.Sha}^"));
        }
    }

    [Fact]
    public void FixesTrailersNameEarlierCommitsByShortShaAndSubject()
    {
        var fixes = Info.Truth.Where(t => t.Kind == DemoCommitKind.Fix).ToList();
        Assert.NotEmpty(fixes);
        foreach (var fix in fixes)
        {
            var target = Info.Truth.Single(t => t.Sha == fix.RefersTo);
            var trailers = demo.Git($"log -1 --format=%(trailers:key=Fixes,valueonly) {fix.Sha}").Trim();
            Assert.Equal($"{target.Sha[..12]} (\"{target.Subject}\")", trailers);
            Assert.Equal("", demo.Git($"merge-base --is-ancestor {target.Sha} {fix.Sha}").Trim());
        }
    }

    [Fact]
    public void MergesJoinFeatureBranchesWithTwoParents()
    {
        var merges = demo.Git("rev-list --merges HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Info.MergeCommits, merges.Length);
        Assert.Contains("copilot/", demo.Git("log --merges --format=%s"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCatalogServiceHasARealPngFile()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Info.RepositoryPath, "services/catalog/assets/logo.png"));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        Assert.Contains("-\t-\tservices/catalog/assets/logo.png", demo.Git("log --numstat --format="), StringComparison.Ordinal);
    }

    private HashSet<int> AddedLines(string commit, string file)
    {
        var diff = demo.Git($"diff -U0 {commit}^ {commit} -- \"{file}\"");
        var added = new HashSet<int>();
        foreach (Match hunk in Regex.Matches(diff, @"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", RegexOptions.Multiline))
        {
            var start = int.Parse(hunk.Groups[1].Value);
            var count = hunk.Groups[2].Success ? int.Parse(hunk.Groups[2].Value) : 1;
            added.UnionWith(Enumerable.Range(start, count));
        }

        return added;
    }

    private static IEnumerable<int> Expand(string ranges) =>
        ranges.Split(',').SelectMany(r => r.Split('-') is [var a, var b] ? Enumerable.Range(int.Parse(a), int.Parse(b) - int.Parse(a) + 1) : [int.Parse(r)]);
}
