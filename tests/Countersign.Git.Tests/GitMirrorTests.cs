using Countersign.Testing;

namespace Countersign.Git.Tests;

public sealed class GitMirrorTests
{
    [Fact]
    public async Task A_mirror_is_cloned_then_follows_new_commits_deleted_branches_and_rewritten_history()
    {
        using var origin = TempGitRepo.Create();
        origin.Commit("first");
        origin.Git("checkout -q -b topic");
        var topic = origin.Commit("topic work");
        origin.Git("checkout -q main");
        var mirrorDir = Path.Combine(TempGitRepo.NewTempDirectory("mirrors"), "acme+shop.git");

        await GitMirror.UpdateAsync($"file://{origin.Path}", mirrorDir, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), CancellationToken.None);
        var mirror = GitRepository.Open(mirrorDir);
        Assert.True(mirror.Kind.IsBare);
        Assert.Equal(topic, mirror.ResolveCommit("refs/heads/topic"));
        Assert.True(GitMirror.SizeOnDisk(mirrorDir) > 0);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(mirrorDir)!, ".*.tmp"));

        // The branch is deleted and main rewritten: after a fetch the mirror says so too.
        var before = origin.Git("rev-parse main").Trim();
        origin.Git("branch -q -D topic");
        origin.Git("commit -q --amend -m rewritten");
        var rewritten = origin.Git("rev-parse main").Trim();
        await GitMirror.UpdateAsync($"file://{origin.Path}", mirrorDir, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(rewritten, mirror.ResolveCommit("refs/heads/main"));
        Assert.NotEqual(before, rewritten);
        var gone = Assert.Throws<GitCommandException>(() => mirror.ResolveCommit("refs/heads/topic"));
        Assert.True(gone.IsBadInput);
        Assert.True(GitMirror.IsAncestor(mirror, rewritten, rewritten));
    }

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/countersign-pwned")]
    [InlineData("fd::3")]
    public async Task Transports_that_run_commands_are_refused_by_git_itself(string url)
    {
        var mirrorDir = Path.Combine(TempGitRepo.NewTempDirectory("mirrors"), "evil.git");
        var refused = await Assert.ThrowsAsync<GitCommandException>(() =>
            GitMirror.UpdateAsync(url, mirrorDir, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Contains("transport", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(mirrorDir));
    }

    [Fact]
    public async Task An_unreachable_remote_is_a_failure_that_leaves_no_half_made_mirror()
    {
        var parent = TempGitRepo.NewTempDirectory("mirrors");
        var mirrorDir = Path.Combine(parent, "missing.git");
        var failed = await Assert.ThrowsAsync<GitCommandException>(() =>
            GitMirror.UpdateAsync($"file://{Path.Combine(parent, "no-such-repository")}", mirrorDir, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Contains("no-such-repository", failed.Message);
        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }
}
