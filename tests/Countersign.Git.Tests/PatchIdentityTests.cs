using Countersign.Testing;

namespace Countersign.Git.Tests;

public sealed class PatchIdentityTests
{
    private static readonly string Numbered = string.Concat(Enumerable.Range(1, 60).Select(i => $"line {i}\n"));

    /// <summary>main has a.txt and b.txt; feature changes line 50 of a.txt and adds c.txt.</summary>
    private static TempGitRepo MainAndFeature()
    {
        var repo = TempGitRepo.Create();
        repo.Commit("base", new Dictionary<string, string> { ["a.txt"] = Numbered, ["b.txt"] = "b\n" });
        repo.Git("checkout -q -b feature");
        repo.Commit("feature", new Dictionary<string, string> { ["a.txt"] = Numbered.Replace("line 50\n", "line fifty\n", StringComparison.Ordinal), ["c.txt"] = "new file\n" });
        repo.Git("checkout -q main");
        return repo;
    }

    private static PatchIdentity Change(TempGitRepo repo, string target = "main", string head = "feature")
    {
        var git = GitRepository.Open(repo.Path);
        return git.PatchIds(git.MergeBase(target, head), git.ResolveCommit(head));
    }

    private static void RebaseFeatureOntoMain(TempGitRepo repo)
    {
        repo.Git("checkout -q feature");
        repo.Git("rebase -q main");
        repo.Git("checkout -q main");
    }

    [Fact]
    public void APureRebaseOntoAMovedMainKeepsThePatchIdAndEveryFileId()
    {
        using var repo = MainAndFeature();
        var before = Change(repo);
        var headBefore = repo.Git("rev-parse feature").Trim();
        repo.Commit("main moves on", new Dictionary<string, string> { ["b.txt"] = "b\nmore\n", ["d.txt"] = "d\n" });

        RebaseFeatureOntoMain(repo);
        var after = Change(repo);

        Assert.NotEqual(headBefore, repo.Git("rev-parse feature").Trim());
        Assert.Matches("^[0-9a-f]{40}$", before.PatchId);
        Assert.Equal(before.PatchId, after.PatchId);
        Assert.Equal(["a.txt", "c.txt"], after.FilePatchIds.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before.FilePatchIds["a.txt"], after.FilePatchIds["a.txt"]);
        Assert.Equal(before.FilePatchIds["c.txt"], after.FilePatchIds["c.txt"]);
    }

    [Fact]
    public void ThePatchIdIsWhatGitPatchIdGivesForTheWholeDiff()
    {
        using var repo = MainAndFeature();
        var mergeBase = repo.Git("merge-base main feature").Trim();
        var diff = repo.Git($"diff --no-color --no-ext-diff --no-renames --full-index --binary {mergeBase} feature");

        var fromGit = repo.Git("patch-id --stable", stdin: diff).Split(' ')[0];

        Assert.Equal(fromGit, Change(repo).PatchId);
    }

    [Fact]
    public void AmendingOneFileChangesThePatchIdAndOnlyThatFilesId()
    {
        using var repo = MainAndFeature();
        var before = Change(repo);
        repo.Git("checkout -q feature");
        repo.WriteFile("c.txt", "new file, reworded\n");
        repo.Git("commit -q -a --amend --no-edit");
        repo.Git("checkout -q main");

        var after = Change(repo);

        Assert.NotEqual(before.PatchId, after.PatchId);
        Assert.Equal(before.FilePatchIds["a.txt"], after.FilePatchIds["a.txt"]);
        Assert.NotEqual(before.FilePatchIds["c.txt"], after.FilePatchIds["c.txt"]);
    }

    [Fact]
    public void LinesInsertedAboveTheChangeShiftItsLineNumbersButKeepItsIds()
    {
        using var repo = MainAndFeature();
        var before = Change(repo);
        repo.Commit("main: license header", new Dictionary<string, string> { ["a.txt"] = "// header\n\n\n\n" + Numbered });

        RebaseFeatureOntoMain(repo);
        var after = Change(repo);

        Assert.Contains("@@ -51,", repo.Git("diff main feature -- a.txt"), StringComparison.Ordinal);
        Assert.Equal(before.PatchId, after.PatchId);
        Assert.Equal(before.FilePatchIds["a.txt"], after.FilePatchIds["a.txt"]);
    }

    [Fact]
    public void WhitespaceOnlyDifferencesInTheChangedLinesKeepTheIds()
    {
        using var repo = MainAndFeature();
        var before = Change(repo);
        repo.Git("checkout -q feature");
        repo.WriteFile("c.txt", "new    file\t\n");
        repo.Git("commit -q -a --amend --no-edit");
        repo.Git("checkout -q main");

        Assert.Equal(before.FilePatchIds["c.txt"], Change(repo).FilePatchIds["c.txt"]);
    }

    [Fact]
    public void ABinaryFileHasAnIdThatSurvivesARebaseAndFollowsItsContent()
    {
        using var repo = MainAndFeature();
        repo.Git("checkout -q feature");
        repo.WriteBytes("img/logo.png", [0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 7]);
        repo.Commit("logo", new Dictionary<string, string>());
        repo.Git("checkout -q main");
        var before = Change(repo);
        repo.Commit("main moves on", new Dictionary<string, string> { ["d.txt"] = "d\n" });
        RebaseFeatureOntoMain(repo);
        var rebased = Change(repo);

        repo.Git("checkout -q feature");
        repo.WriteBytes("img/logo.png", [0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9, 0, 0, 7, 8]);
        repo.Commit("new logo", new Dictionary<string, string>());
        repo.Git("checkout -q main");
        var changed = Change(repo);

        Assert.Equal(["a.txt", "c.txt", "img/logo.png"], before.FilePatchIds.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before.PatchId, rebased.PatchId);
        Assert.Equal(before.FilePatchIds["img/logo.png"], rebased.FilePatchIds["img/logo.png"]);
        Assert.NotEqual(before.FilePatchIds["img/logo.png"], changed.FilePatchIds["img/logo.png"]);
        Assert.Equal(before.FilePatchIds["a.txt"], changed.FilePatchIds["a.txt"]);
    }

    [Fact]
    public void PathsWithSpacesNonAsciiLettersAndRenamesMapBackToTheirFiles()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("base", new Dictionary<string, string> { ["old name.txt"] = Numbered });
        File.Delete(Path.Combine(repo.Path, "old name.txt"));
        repo.Commit("rename and add", new Dictionary<string, string>
        {
            ["docs/new b/name.txt"] = Numbered,
            ["caf\u00e9 \u00e0 la carte.md"] = "menu\n",
            ["quote\"d.txt"] = "q\n",
        });
        var git = GitRepository.Open(repo.Path);

        var identity = git.PatchIds("HEAD~1", "HEAD");

        Assert.Equal(
            ["caf\u00e9 \u00e0 la carte.md", "docs/new b/name.txt", "old name.txt", "quote\"d.txt"],
            identity.FilePatchIds.Keys.Order(StringComparer.Ordinal));
        Assert.All(identity.FilePatchIds.Values, id => Assert.Matches("^[0-9a-f]{40}$", id));
    }

    [Fact]
    public void AnEmptyDiffHasAnEmptyPatchId()
    {
        using var repo = MainAndFeature();
        var git = GitRepository.Open(repo.Path);

        var identity = git.PatchIds("main", "main");

        Assert.Equal("", identity.PatchId);
        Assert.Empty(identity.FilePatchIds);
    }

    [Fact]
    public void TheMergeBaseIsTheForkPoint()
    {
        using var repo = MainAndFeature();
        var fork = repo.Git("rev-parse main").Trim();
        repo.Commit("main moves on", new Dictionary<string, string> { ["d.txt"] = "d\n" });
        var git = GitRepository.Open(repo.Path);

        Assert.Equal(fork, git.MergeBase("main", "feature"));
    }

    [Fact]
    public void UnrelatedHistoriesAndUnknownRevisionsHaveNoMergeBase()
    {
        using var repo = MainAndFeature();
        repo.Git("checkout -q --orphan island");
        repo.Commit("unrelated", new Dictionary<string, string> { ["island.txt"] = "i\n" });
        var git = GitRepository.Open(repo.Path);

        var unrelated = Assert.Throws<GitCommandException>(() => git.MergeBase("main", "island"));
        var unknown = Assert.Throws<GitCommandException>(() => git.MergeBase("main", "no-such-branch"));

        Assert.True(unrelated.IsBadInput);
        Assert.Contains("share no history", unrelated.Message, StringComparison.Ordinal);
        Assert.True(unknown.IsBadInput);
    }

    [Fact]
    public void CommitsByAnyOfAnAuthorsEmailsAreCountedCaseInsensitivelyUpToTheLimit()
    {
        using var repo = TempGitRepo.Create();
        for (var i = 0; i < 4; i++)
        {
            repo.Commit($"c{i}", author: ("Bob", "bob@example.com"));
        }

        repo.Commit("other", author: ("Jim", "jimbob@example.com"));
        repo.Commit("from home", author: ("Bob", "bob@home.example"));
        var git = GitRepository.Open(repo.Path);

        Assert.Equal(4, git.CountCommitsByAuthor("HEAD", ["BOB@example.com"], 100));
        Assert.Equal(5, git.CountCommitsByAuthor("HEAD", ["bob@example.com", "bob@home.example"], 100));
        Assert.Equal(2, git.CountCommitsByAuthor("HEAD", ["bob@example.com"], 2));
        Assert.Equal(0, git.CountCommitsByAuthor("HEAD", ["carol@example.com"], 100));
        Assert.Equal(0, git.CountCommitsByAuthor("HEAD", [], 100));
    }
}
