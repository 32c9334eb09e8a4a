using Countersign.Testing;

namespace Countersign.Git.Tests;

/// <summary>
/// Bundles of commits no ref names (a pre-receive hook's quarantined push): written by hand as git bundle create would,
/// verified and fetched by a mirror under refs of its own, which the mirror's fetches neither overwrite nor prune.
/// </summary>
public sealed class GitBundleTests
{
    [Fact]
    public async Task A_bundle_of_a_commit_no_ref_names_reaches_a_mirror_under_incoming_refs_that_its_fetches_keep()
    {
        using var origin = TempGitRepo.Create();
        var old = origin.Commit("first", new Dictionary<string, string> { ["a.txt"] = "a\n" });
        var mirrorDir = Path.Combine(TempGitRepo.NewTempDirectory("mirrors"), "acme+shop.git");
        await GitMirror.UpdateAsync($"file://{origin.Path}", mirrorDir, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), CancellationToken.None);
        var mirror = GitRepository.Open(mirrorDir);

        // A new commit that no ref names, as in a push's quarantine: main is moved back after making it.
        var pushed = origin.Commit("second", new Dictionary<string, string> { ["a.txt"] = "b\n", ["b.txt"] = "new\n" });
        origin.Git($"update-ref refs/heads/main {old}");
        var bundle = Path.Combine(TempGitRepo.NewTempDirectory("bundles"), "push.bundle");
        using (var output = File.Create(bundle))
        {
            GitBundle.Write(GitRepository.Open(origin.Path), output, pushed, "refs/heads/main", [old]);
        }

        Assert.Equal([(pushed, "refs/heads/main")], GitBundle.Heads(mirror, bundle));
        Assert.True(GitBundle.Verify(mirror, bundle).Ok);
        GitBundle.FetchInto(mirror, bundle, $"{GitBundle.IncomingPrefix}1/");
        Assert.Equal(pushed, mirror.ResolveCommit($"{GitBundle.IncomingPrefix}1/heads/main"));
        Assert.Equal(old, mirror.ResolveCommit("refs/heads/main"));
        Assert.True(GitMirror.IsReachable(mirror, pushed));

        // A fetch with --prune keeps the incoming ref (the remote never has it), and deleting it is one call.
        await GitMirror.UpdateAsync($"file://{origin.Path}", mirrorDir, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal([$"{GitBundle.IncomingPrefix}1/heads/main"], GitBundle.IncomingRefs(mirror));
        GitBundle.DeleteRefs(mirror, GitBundle.IncomingRefs(mirror));
        Assert.Empty(GitBundle.IncomingRefs(mirror));
    }

    [Fact]
    public void A_bundle_building_on_a_commit_the_repository_lacks_names_it_and_a_file_that_is_not_a_bundle_is_told_apart()
    {
        using var other = TempGitRepo.Create();
        var parent = other.Commit("one", new Dictionary<string, string> { ["x.txt"] = "1\n" });
        var tip = other.Commit("two", new Dictionary<string, string> { ["x.txt"] = "2\n" });
        using var receiver = TempGitRepo.Create(bare: true);
        var folder = TempGitRepo.NewTempDirectory("bundles");
        var bundle = Path.Combine(folder, "foreign.bundle");
        using (var output = File.Create(bundle))
        {
            GitBundle.Write(GitRepository.Open(other.Path), output, tip, "refs/heads/main", [parent]);
        }

        var receiving = GitRepository.Open(receiver.Path);
        var check = GitBundle.Verify(receiving, bundle);
        Assert.False(check.Ok);
        Assert.True(check.MissingPrerequisites);
        Assert.Equal([parent], check.Details);

        var garbage = Path.Combine(folder, "garbage.bundle");
        File.WriteAllText(garbage, "not a bundle\n");
        Assert.Null(GitBundle.Heads(receiving, garbage));
        var refused = GitBundle.Verify(receiving, garbage);
        Assert.False(refused.Ok || refused.MissingPrerequisites);
    }
}
