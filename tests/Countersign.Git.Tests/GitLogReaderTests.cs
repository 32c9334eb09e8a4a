using System.Text;
using Countersign.Core.History;
using Countersign.Testing;

namespace Countersign.Git.Tests;

public sealed class GitLogReaderTests
{
    private static List<CommitRecord> ReadAll(string path, RevisionSelection? selection = null)
    {
        var repo = GitRepository.Open(path);
        var shas = repo.ListCommits(selection ?? RevisionSelection.Head);
        return new GitLogReader(repo).Read(shas).ToList();
    }

    [Fact]
    public void CommitsComeOldestFirstWithPeopleMessageAndLineCounts()
    {
        using var repo = TempGitRepo.Create();
        var first = repo.Commit("Add checkout\n\nBody text.\n", new Dictionary<string, string> { ["svc/a.cs"] = "1\n2\n3\n" }, author: ("Ann", "ann@example.com"));
        var second = repo.Commit("Change checkout", new Dictionary<string, string> { ["svc/a.cs"] = "1\n2\nthree\nfour\n", ["lib/b.cs"] = "x\n" }, author: ("Bob", "bob@example.com"), committer: ("Carol", "carol@example.com"));

        var commits = ReadAll(repo.Path);

        Assert.Equal([first, second], commits.Select(c => c.Sha));
        Assert.Equal("Add checkout", commits[0].Subject);
        Assert.Equal("Add checkout\n\nBody text.\n", commits[0].Message);
        Assert.Empty(commits[0].Parents);
        Assert.Equal([first], commits[1].Parents);
        Assert.Equal(("Bob", "bob@example.com"), (commits[1].Author.Name, commits[1].Author.Email));
        Assert.Equal("carol@example.com", commits[1].Committer.Email);
        var a = Assert.Single(commits[1].Files, f => f.Path == "svc/a.cs");
        Assert.Equal((2, 1), (a.Added!.Value, a.Deleted!.Value));
        Assert.Equal(3, commits[1].LinesAdded);
        Assert.Equal(CommitReadProblem.None, commits[1].ReadProblem);
    }

    [Fact]
    public void RenamesKeepTheOldPathAndBinaryFilesHaveNoLineCounts()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("add", new Dictionary<string, string> { ["old name.txt"] = string.Join('\n', Enumerable.Range(0, 50)) + "\n" });
        repo.Git("mv \"old name.txt\" \"new name.txt\"");
        repo.WriteBytes("img/logo.png", [0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0]);
        repo.Commit("rename and image", new Dictionary<string, string>());

        var last = ReadAll(repo.Path)[^1];

        var renamed = Assert.Single(last.Files, f => f.Path == "new name.txt");
        Assert.Equal("old name.txt", renamed.OldPath);
        var image = Assert.Single(last.Files, f => f.Path == "img/logo.png");
        Assert.True(image.IsBinary);
        Assert.Null(image.Added);
    }

    [Fact]
    public void MergeCommitsHaveTwoParentsAndNoFiles()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("base", new Dictionary<string, string> { ["a.txt"] = "a\n" });
        repo.Git("checkout -q -b feature");
        repo.Commit("feature work", new Dictionary<string, string> { ["b.txt"] = "b\n" });
        repo.Git("checkout -q main");
        repo.Commit("main work", new Dictionary<string, string> { ["c.txt"] = "c\n" });
        repo.Git("merge -q --no-ff feature -m \"Merge feature\"");

        var commits = ReadAll(repo.Path);

        var merge = Assert.Single(commits, c => c.IsMerge);
        Assert.Equal(2, merge.Parents.Count);
        Assert.Empty(merge.Files);
        Assert.Equal(4, commits.Count);
    }

    [Fact]
    public void NonUtf8MessagesAreDecodedWithoutLosingTheCommit()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("first");
        var latin1 = Encoding.Latin1.GetBytes("Caf\u00e9 cr\u00e8me fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n");
        var declared = repo.CommitRawMessage(latin1, "ISO-8859-1");
        var undeclared = repo.CommitRawMessage([0x62, 0x61, 0x64, 0xff, 0xfe, 0x0a]);

        var commits = ReadAll(repo.Path);

        Assert.Equal("Caf\u00e9 cr\u00e8me fix", commits.Single(c => c.Sha == declared).Subject);
        Assert.StartsWith("bad", commits.Single(c => c.Sha == undeclared).Subject, StringComparison.Ordinal);
        Assert.Contains("Co-authored-by: Claude", commits.Single(c => c.Sha == declared).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeMessagesKeepTheirSubjectAndTrailers()
    {
        using var repo = TempGitRepo.Create();
        var body = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet\n", 40_000));
        repo.Commit($"Huge\n\n{body}\nCo-authored-by: Claude <noreply@anthropic.com>\n");

        var commit = Assert.Single(ReadAll(repo.Path));

        Assert.Equal("Huge", commit.Subject);
        Assert.True(commit.Message.Length <= GitLogReader.MaxMessageChars + 200);
        Assert.EndsWith("Co-authored-by: Claude <noreply@anthropic.com>\n", commit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BareAndShallowClonesAreReadAndRecognised()
    {
        using var origin = TempGitRepo.Create();
        for (var i = 0; i < 6; i++)
        {
            origin.Commit($"commit {i}", new Dictionary<string, string> { [$"f{i}.txt"] = $"{i}\n" });
        }

        using var bare = TempGitRepo.CloneFrom(origin, "--bare");
        using var shallow = TempGitRepo.CloneFrom(origin, "--depth 3");

        var bareRepo = GitRepository.Open(bare.Path);
        var shallowRepo = GitRepository.Open(shallow.Path);

        Assert.True(bareRepo.Kind.IsBare);
        Assert.True(shallowRepo.Kind.IsShallow);
        Assert.Equal(6, ReadAll(bare.Path).Count);
        var shallowCommits = ReadAll(shallow.Path);
        Assert.Equal(3, shallowCommits.Count);
        Assert.All(shallowCommits, c => Assert.Equal(CommitReadProblem.None, c.ReadProblem));
    }

    [Fact]
    public void PartialClonesWithoutBlobsStillYieldEveryCommitWithItsFiles()
    {
        using var origin = TempGitRepo.Create();
        origin.Git("config uploadpack.allowFilter true");
        for (var i = 0; i < 5; i++)
        {
            origin.Commit($"commit {i}", new Dictionary<string, string> { [$"dir/f{i}.txt"] = $"{i}\n", ["shared.txt"] = $"v{i}\n" });
        }

        using var partial = TempGitRepo.CloneFrom(origin, "--filter=blob:none --no-checkout");
        var repo = GitRepository.Open(partial.Path);
        var reader = new GitLogReader(repo);

        var commits = reader.Read(repo.ListCommits(RevisionSelection.Head)).ToList();

        Assert.True(repo.Kind.IsPartial);
        Assert.Equal(5, commits.Count);
        Assert.All(commits, c => Assert.Contains(c.Files, f => f.Path == "shared.txt"));
        Assert.Contains(commits, c => c.ReadProblem == CommitReadProblem.LineStatsMissing);
    }

    [Fact]
    public void MissingBlobsInANormalRepositoryCostOnlyTheAffectedCommitsTheirLineCounts()
    {
        using var repo = TempGitRepo.Create();
        var shas = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            shas.Add(repo.Commit($"commit {i}", new Dictionary<string, string> { [$"f{i}.txt"] = $"content number {i}\n", ["common.txt"] = $"common {i}\n" }));
        }

        // Remove the loose blob that commit 4 introduced for f4.txt, as in a snapshot that lacks it.
        var blob = repo.Git($"rev-parse {shas[4]}:f4.txt").Trim();
        File.Delete(Path.Combine(repo.Path, ".git", "objects", blob[..2], blob[2..]));

        var gitRepo = GitRepository.Open(repo.Path);
        var reader = new GitLogReader(gitRepo);
        var commits = reader.Read(gitRepo.ListCommits(RevisionSelection.Head)).ToList();

        Assert.Equal(shas, commits.Select(c => c.Sha));
        Assert.Equal(CommitReadProblem.LineStatsMissing, commits[4].ReadProblem);
        Assert.Contains(commits[4].Files, f => f.Path == "f4.txt" && f.Added is null);
        Assert.Equal(1, reader.UnreadableCommits);
        Assert.Equal(CommitReadProblem.None, commits[3].ReadProblem);
        Assert.Equal(1, commits[7].Files.Single(f => f.Path == "f7.txt").Added);
    }

    [Fact]
    public void ExcludingEarlierTipsListsOnlyNewCommits()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("one");
        var tip = repo.Commit("two");
        var three = repo.Commit("three");

        var gitRepo = GitRepository.Open(repo.Path);

        Assert.Equal([three], gitRepo.ListCommits(RevisionSelection.Head, [tip]));
    }

    [Fact]
    public void NotARepositoryAndUnknownRevisionsAreReportedAsBadInput()
    {
        var folder = TempGitRepo.NewTempDirectory("plain");
        var notRepo = Assert.Throws<GitCommandException>(() => GitRepository.Open(folder));
        Assert.True(notRepo.IsBadInput);
        Assert.Contains("not a git repository", notRepo.Message, StringComparison.Ordinal);

        using var repo = TempGitRepo.Create();
        repo.Commit("one");
        var unknown = Assert.Throws<GitCommandException>(() => GitRepository.Open(repo.Path).ListCommits(new RevisionSelection(["no-such-branch"])));
        Assert.True(unknown.IsBadInput);
        Assert.Contains("no-such-branch", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotesAreReadByAnnotatedCommit()
    {
        using var repo = TempGitRepo.Create();
        var sha = repo.Commit("noted");
        repo.Git($"notes --ref=ai add -m \"hello note\" {sha}");

        var notes = GitRepository.Open(repo.Path).ReadNotes("refs/notes/ai");

        Assert.Equal("hello note\n", notes[sha]);
    }
}
